"use client";

import { useLayoutEffect, useRef, type SVGProps } from "react";

// An SVG label that never runs out of its box. SVG text has no overflow or ellipsis, and the words
// differ by language ("Bản sao đồng bộ (sync standby)" is twice "Sync standby"), so after layout the
// label is measured and, if wider than `maxWidth`, squeezed to fit with textLength. The server render
// has no measurement; the attributes are set on the DOM only (React does not own them), so hydration
// sees the same markup.

export function FitText({
  maxWidth,
  children,
  ...props
}: Omit<SVGProps<SVGTextElement>, "children" | "ref"> & { maxWidth: number; children: string }) {
  const ref = useRef<SVGTextElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => {
      el.removeAttribute("textLength");
      el.removeAttribute("lengthAdjust");
      if (el.getComputedTextLength() > maxWidth) {
        el.setAttribute("textLength", String(maxWidth));
        el.setAttribute("lengthAdjust", "spacingAndGlyphs");
      }
    };
    fit();
    // A web font that arrives later changes every width: measure again then.
    let live = true;
    void document.fonts?.ready.then(() => live && fit());
    return () => {
      live = false;
    };
  }, [children, maxWidth]);
  return (
    <text ref={ref} {...props}>
      {children}
    </text>
  );
}

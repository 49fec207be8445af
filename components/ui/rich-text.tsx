import { Fragment } from "react";

/** A catalog sentence where `backticks` mark a command or SQL: those parts are set as code. */
export function RichText({ text }: { text: string }) {
  const parts = text.split("`");
  // An odd number of backticks leaves the last part open: show it as plain text.
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 && i < parts.length - 1 ? (
          <code key={i} className="rounded bg-surface-2 px-1 font-mono text-[0.92em]">
            {part}
          </code>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

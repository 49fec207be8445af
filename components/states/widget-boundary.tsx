"use client";

import { Component, type ReactNode } from "react";
import { ErrorState } from "./states";

/**
 * A widget that throws while rendering shows its own error state instead of taking the whole screen
 * down; the next poll (a new resetKey) tries to render it again.
 */
export class WidgetBoundary extends Component<
  { title: string; resetKey: unknown; children: ReactNode },
  { error: Error | null; key: unknown }
> {
  override state: { error: Error | null; key: unknown } = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(
    props: { resetKey: unknown },
    state: { error: Error | null; key: unknown },
  ) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override render() {
    if (this.state.error) {
      return (
        <section className="panel p-4">
          <ErrorState title={this.props.title} message={this.state.error.message} />
        </section>
      );
    }
    return this.props.children;
  }
}

// The words of the last-resort error screen (app/global-error.tsx), which replaces the root layout
// and so has no catalog: it imports this small module, and en.ts and vi.ts take the same words from
// here, so each text still has one home.

export const enFatal = {
  "error.title": "This page failed to render",
  "error.body": "An unexpected error occurred in the dashboard itself.",
  "states.retry": "Try again",
} as const;

export const viFatal = {
  "error.title": "Trang này không hiển thị được",
  "error.body": "Đã xảy ra lỗi không mong muốn trong chính dashboard.",
  "states.retry": "Thử lại",
} satisfies Record<keyof typeof enFatal, string>;

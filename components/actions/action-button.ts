/** The look of every button of the action panel and its dialogs. */
export const actionButton =
  "rounded-md border border-line bg-surface-2 px-2.5 py-1 text-sm font-semibold hover:bg-surface disabled:opacity-50";

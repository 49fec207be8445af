// The topology drawing's sizes in SVG units, shared by the layout (topology.tsx) and the shapes that
// fill it (node-box.tsx, edge-path.tsx).

export const NODE_W = 236;
export const NODE_H = 112;
export const GAP_X = 36;
export const GAP_Y = 66;
export const PAD = 10;
/** Text starts 14 px in from the box's left edge and keeps the same margin on the right. */
export const TEXT_X = 14;
export const TEXT_W = NODE_W - 2 * TEXT_X;

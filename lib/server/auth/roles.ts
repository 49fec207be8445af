/** The roles a user can have: viewer (look), operator (act), admin (act and edit the configuration). */
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

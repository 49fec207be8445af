import "server-only";
import type { StorageSettings } from "@/lib/server/config/load";
import type { Storage } from "./storage";

// Opens the configured backend and applies its migrations. The drivers are imported here, on demand:
// a dashboard on SQLite never loads pg, one on PostgreSQL never loads the native SQLite module.

export async function openStorage(settings: StorageSettings): Promise<Storage> {
  if (settings.url) {
    const { openPostgres } = await import("./postgres");
    return openPostgres(settings.url);
  }
  const { openSqlite } = await import("./sqlite");
  return openSqlite(settings.dataDir);
}

/** Where the history lives, for logs: never the URL itself (it may carry a password). */
export function describeStorage(settings: StorageSettings): string {
  if (!settings.url) return `SQLite in ${settings.dataDir}`;
  const url = new URL(settings.url);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

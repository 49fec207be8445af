import { Fragment } from "react";

// Setting names such as "postgresql.remove_data_directory_on_rewind_failure" are one long token. With
// break-all a narrow column cut them mid-word ("synchronous_mo|de"); here a line may break only after a
// "_" or ".", so each word stays whole. break-words is the last resort for a single word wider than
// the column, and (unlike break-all) does not shrink the column to cut words that would fit.

/** The key split after every "_" and "."; each piece keeps its separator. */
export function keyPieces(key: string): string[] {
  return key.split(/(?<=[_.])/);
}

/** A setting name that wraps only between its words. */
export function SettingKey({ name, className }: { name: string; className?: string }) {
  const pieces = keyPieces(name);
  return (
    <code className={`font-mono break-words ${className ?? ""}`.trim()}>
      {pieces.map((piece, i) => (
        <Fragment key={i}>
          {piece}
          {i < pieces.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </code>
  );
}

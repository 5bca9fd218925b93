import { Fragment } from "react";

/**
 * A message that names things to type (`event=paid`, `success`): the parts in backticks are shown
 * as code, so a reader sees what to paste and what is prose.
 */
export function CodeText({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((part, index) =>
        index % 2 === 1 ? (
          <code key={index} className="rounded bg-muted px-1 font-mono">
            {part}
          </code>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}

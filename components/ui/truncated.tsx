import { cn } from "@/lib/utils";

/**
 * A long value on one line (an e-mail, an offer name): cut with an ellipsis at a sensible column
 * width, the whole value on hover and for screen readers through `title`.
 */
export function Truncated({ text, className }: { text: string | null | undefined; className?: string }) {
  if (!text) return <>—</>;
  return (
    <span title={text} className={cn("block max-w-[16rem] truncate", className)}>
      {text}
    </span>
  );
}

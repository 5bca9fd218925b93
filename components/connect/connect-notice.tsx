import { CircleCheck, Clock, Unlink } from "lucide-react";
import type { ReactNode } from "react";

const ICONS = {
  success: <CircleCheck aria-hidden className="size-10 text-success" />,
  pending: <Clock aria-hidden className="size-10 text-primary" />,
  broken: <Unlink aria-hidden className="size-10 text-destructive" />,
} satisfies Record<string, ReactNode>;

/** A final answer on the connect page: nothing more for the customer to fill in. */
export function ConnectNotice({
  tone,
  title,
  children,
}: {
  tone: keyof typeof ICONS;
  title: string;
  children: ReactNode;
}) {
  return (
    <div role="status" data-testid={`connect-${tone}`} className="flex flex-col items-center gap-3 text-center">
      {ICONS[tone]}
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      <p className="text-sm text-muted-foreground">{children}</p>
    </div>
  );
}

"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { CampaignAction, CampaignFormState } from "./form-state";

/** One button that archives (or restores) a campaign; an error shows beside it. */
export function ArchiveForm({
  action,
  id,
  archive,
  label,
}: {
  action: CampaignAction;
  id: string;
  archive: boolean;
  label: string;
}) {
  const [state, submit, pending] = useActionState<CampaignFormState, FormData>(action, { status: "idle" });
  return (
    <form action={submit}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="archived" value={String(archive)} />
      <Button type="submit" variant={archive ? "ghost" : "outline"} size="sm" disabled={pending}>
        {label}
      </Button>
      {state.status === "error" && (
        <p role="alert" className="text-xs text-destructive">
          {state.message}
        </p>
      )}
    </form>
  );
}

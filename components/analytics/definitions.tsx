/**
 * What each figure of a section counts, shown under it: the period and time zone it is dated by,
 * its currency, and how it differs from a figure of the same name elsewhere. One definition per
 * figure, so two numbers that look alike say why they differ.
 */
export type Definition = { id: string; term: string; text: string };

export function Definitions({ items, testId = "definitions" }: { items: Definition[]; testId?: string }) {
  return (
    <dl
      className="grid gap-x-6 gap-y-1 border-t border-border pt-3 text-xs text-muted-foreground lg:grid-cols-2"
      data-testid={testId}
    >
      {items.map((item) => (
        <div key={item.id} data-definition={item.id}>
          <dt className="inline font-medium text-foreground">{item.term}: </dt>
          <dd className="inline">{item.text}</dd>
        </div>
      ))}
    </dl>
  );
}

import { describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { recordAttempt } from "@/lib/linking/attempts";

/**
 * links.client_name and links.pending_salebot_attempts are copies kept by triggers (migration
 * links_search_columns); the list searches, sorts and filters on them alone, so a stale copy would
 * hide a customer. Each test uses its own project.
 */

async function copies(projectId: string, sbClientId: string) {
  return db.link.findUniqueOrThrow({
    where: { projectId_sbClientId: { projectId, sbClientId } },
    select: { clientName: true, pendingSalebotAttempts: true },
  });
}

function createLink(projectId: string, sbClientId: string) {
  return db.link.create({
    data: { projectId, sbClientId, email: `${projectId}-${sbClientId}@example.com`, source: "bot" },
  });
}

function openSalebotAttempt(projectId: string, sbClientId: string, requestId: string) {
  return db.linkAttempt.create({
    data: {
      requestId,
      projectId,
      sbClientId,
      source: "bot",
      outcome: "queued",
      errorCode: "salebot_unavailable",
      durationMs: 1,
      input: {},
    },
  });
}

async function openAttemptsInTable(projectId: string, sbClientId: string): Promise<number> {
  return db.linkAttempt.count({ where: { projectId, sbClientId, errorCode: "salebot_unavailable", resolvedAt: null } });
}

describe("the client's name on its link", () => {
  test("follows the client: inserted before or after the link, renamed, deleted", async () => {
    await db.salebotClient.create({ data: { projectId: "c1", clientId: "1", name: "Анна" } });
    await createLink("c1", "1");
    expect((await copies("c1", "1")).clientName).toBe("Анна");

    await createLink("c1", "2");
    expect((await copies("c1", "2")).clientName).toBeNull();
    await db.salebotClient.create({ data: { projectId: "c1", clientId: "2", name: "Boris" } });
    expect((await copies("c1", "2")).clientName).toBe("Boris");

    await db.salebotClient.update({
      where: { projectId_clientId: { projectId: "c1", clientId: "2" } },
      data: { name: "Борис" },
    });
    expect((await copies("c1", "2")).clientName).toBe("Борис");
    await db.salebotClient.update({
      where: { projectId_clientId: { projectId: "c1", clientId: "2" } },
      data: { name: null },
    });
    expect((await copies("c1", "2")).clientName).toBeNull();

    await db.salebotClient.delete({ where: { projectId_clientId: { projectId: "c1", clientId: "1" } } });
    expect((await copies("c1", "1")).clientName).toBeNull();
  });

  test("a stale copy is mended by the client's next update, even when the name did not change", async () => {
    await db.salebotClient.create({ data: { projectId: "c2", clientId: "1", name: "Вера" } });
    await createLink("c2", "1");
    // What a client inserted while its link was being inserted leaves behind (neither trigger saw the other row).
    await db.$executeRaw`UPDATE links SET client_name = NULL WHERE project_id = 'c2' AND sb_client_id = '1'`;
    await db.salebotClient.update({
      where: { projectId_clientId: { projectId: "c2", clientId: "1" } },
      data: { messagesIn: { increment: 1 } },
    });
    expect((await copies("c2", "1")).clientName).toBe("Вера");
  });

  test("a link moved to another client takes that client's name and pending count", async () => {
    await db.salebotClient.createMany({
      data: [
        { projectId: "c3", clientId: "1", name: "Old" },
        { projectId: "c3", clientId: "2", name: "New" },
      ],
    });
    await openSalebotAttempt("c3", "2", "c3-a");
    const link = await createLink("c3", "1");
    expect(await copies("c3", "1")).toEqual({ clientName: "Old", pendingSalebotAttempts: 0 });
    await db.link.update({ where: { id: link.id }, data: { sbClientId: "2" } });
    expect(await copies("c3", "2")).toEqual({ clientName: "New", pendingSalebotAttempts: 1 });
  });
});

describe("the open Salebot attempts on a link", () => {
  test("count open salebot_unavailable attempts only, through insert, resolve and delete", async () => {
    await createLink("p1", "1");
    const first = await openSalebotAttempt("p1", "1", "p1-a");
    await openSalebotAttempt("p1", "1", "p1-b");
    await db.linkAttempt.create({
      data: {
        requestId: "p1-c",
        projectId: "p1",
        sbClientId: "1",
        source: "bot",
        outcome: "queued",
        errorCode: "gc_unavailable",
        durationMs: 1,
        input: {},
      },
    });
    expect((await copies("p1", "1")).pendingSalebotAttempts).toBe(2);

    await db.linkAttempt.update({ where: { id: first.id }, data: { resolvedAt: new Date() } });
    expect((await copies("p1", "1")).pendingSalebotAttempts).toBe(1);
    // Touching a resolved attempt again changes nothing.
    await db.linkAttempt.update({ where: { id: first.id }, data: { resolvedAt: new Date(Date.now() + 1000) } });
    expect((await copies("p1", "1")).pendingSalebotAttempts).toBe(1);

    await db.linkAttempt.deleteMany({ where: { requestId: "p1-b" } });
    expect((await copies("p1", "1")).pendingSalebotAttempts).toBe(0);
  });

  test("a success recorded through the pipeline resolves them all", async () => {
    await createLink("p2", "1");
    await openSalebotAttempt("p2", "1", "p2-a");
    await openSalebotAttempt("p2", "1", "p2-b");
    await recordAttempt({
      requestId: "p2-ok",
      projectId: "p2",
      request: { email: "p2-1@example.com", telegramId: null, sbClientId: "1" },
      source: "bot",
      outcome: "success",
      durationMs: 3,
    });
    expect((await copies("p2", "1")).pendingSalebotAttempts).toBe(0);
  });

  test("attempts written before the link are counted when it is created", async () => {
    await openSalebotAttempt("p3", "1", "p3-a");
    await createLink("p3", "1");
    expect((await copies("p3", "1")).pendingSalebotAttempts).toBe(1);
  });

  test("concurrent openings and resolutions of one client's attempts leave the right count", async () => {
    await createLink("p4", "1");
    const opened = await Promise.all(
      Array.from({ length: 10 }, (_, i) => openSalebotAttempt("p4", "1", `p4-seed-${i}`)),
    );
    // Ten more opened while the first ten are resolved, each its own statement on the pool.
    await Promise.all([
      ...opened.map((attempt) =>
        db.linkAttempt.update({ where: { id: attempt.id }, data: { resolvedAt: new Date() } }),
      ),
      ...Array.from({ length: 10 }, (_, i) => openSalebotAttempt("p4", "1", `p4-more-${i}`)),
    ]);
    expect(await openAttemptsInTable("p4", "1")).toBe(10);
    expect((await copies("p4", "1")).pendingSalebotAttempts).toBe(10);
  });
});

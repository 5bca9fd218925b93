import { createGetCourseClient, type GetCourseKeyMode, type UnknownEmailPolicy } from "@/lib/getcourse";
import { startGetCourseSimulator, type SimulatorBehaviour } from "@/lib/simulators/getcourse/simulator";
import { type Integrations, installIntegrations } from "@/lib/integrations";
import { createSalebotClient } from "@/lib/salebot/client";
import { startSalebotSimulator } from "@/lib/simulators/salebot/simulator";

export const TEST_PROJECT_ID = "777";
export const FIELD_TELEGRAM = "telegram_id";
export const FIELD_SALEBOT = `sb_${TEST_PROJECT_ID}_id`;

/**
 * Both simulators on free ports, the account's two custom fields created, and the hub's clients
 * pointed at them with short timeouts so outage tests stay quick.
 */
export async function startSimulatedIntegrations(
  options: {
    timeoutMs?: number;
    /** `school_key`: no Tech token, keys written through the Legacy import by field name. */
    keyMode?: GetCourseKeyMode;
    unknownEmail?: UnknownEmailPolicy;
    gcBehaviour?: Partial<SimulatorBehaviour>;
  } = {},
) {
  const gcSim = await startGetCourseSimulator({ behaviour: options.gcBehaviour });
  const sbSim = await startSalebotSimulator({ projectId: Number(TEST_PROJECT_ID) });
  gcSim.state.addField({ title: FIELD_TELEGRAM });
  gcSim.state.addField({ title: FIELD_SALEBOT });
  const calls = { timeoutMs: options.timeoutMs ?? 1_000, retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 50 } };
  const integrations: Integrations = {
    gc: createGetCourseClient({
      accountUrl: gcSim.url,
      apiKey: gcSim.apiKey,
      techToken: options.keyMode === "school_key" ? undefined : gcSim.techToken,
      ...calls,
    }),
    sb: createSalebotClient({ apiUrl: sbSim.apiUrl, apiKey: sbSim.apiKey, projectId: TEST_PROJECT_ID, ...calls }),
    sbNoRetry: createSalebotClient({
      apiUrl: sbSim.apiUrl,
      apiKey: sbSim.apiKey,
      projectId: TEST_PROJECT_ID,
      timeoutMs: calls.timeoutMs,
      retry: { attempts: 1 },
    }),
    projectId: TEST_PROJECT_ID,
    fields: { telegram: FIELD_TELEGRAM, salebot: FIELD_SALEBOT },
    unknownEmail: options.unknownEmail ?? "refuse",
  };
  installIntegrations(integrations);
  return {
    gcSim,
    sbSim,
    integrations,
    async close() {
      installIntegrations(undefined);
      await Promise.all([gcSim.close(), sbSim.close()]);
    },
  };
}

import nodemailer from "nodemailer";
import { getEnv } from "@/lib/env";
import type { Locale } from "@/lib/i18n/messages";

/**
 * The e-mail that carries the /connect ownership code. Configured by SMTP_URL and SMTP_FROM; with
 * either unset, /connect links without a code (the link stays unproven).
 */
export type ConnectMail = { to: string; subject: string; text: string };
export type MailSender = (mail: ConnectMail) => Promise<void>;

const SEND_TIMEOUT_MS = 15_000;

export function smtpSender(url: string, from: string): MailSender {
  const transport = nodemailer.createTransport(url, {
    from,
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  return async (mail) => {
    // Quoted-printable keeps the digits of the code readable in any mail source view.
    await transport.sendMail({ from, ...mail, textEncoding: "quoted-printable" });
  };
}

// Per copy of lib/: built from the environment by each copy that sends; tests install theirs.
const holder: { hubConnectMailer?: MailSender | null } = {};

export function installConnectMailer(sender: MailSender | null | undefined): void {
  holder.hubConnectMailer = sender;
}

/** The configured sender, or null when /connect has no e-mail. */
export function connectMailer(): MailSender | null {
  if (holder.hubConnectMailer !== undefined) return holder.hubConnectMailer;
  const { SMTP_URL, SMTP_FROM } = getEnv();
  holder.hubConnectMailer = SMTP_URL && SMTP_FROM ? smtpSender(SMTP_URL, SMTP_FROM) : null;
  return holder.hubConnectMailer;
}

export function connectCodeMail(to: string, code: string, locale: Locale): ConnectMail {
  return locale === "en"
    ? {
        to,
        subject: `Your code: ${code}`,
        text: `Your code to connect your school account to the bot: ${code}\n\nIt is valid for 15 minutes. If you did not ask for it, ignore this e-mail.`,
      }
    : {
        to,
        subject: `Ваш код: ${code}`,
        text: `Код для привязки аккаунта школы к боту: ${code}\n\nКод действует 15 минут. Если вы его не запрашивали, просто проигнорируйте это письмо.`,
      };
}

import { defineDetails } from "@/lib/i18n/detail-template";

/**
 * Every sentence the linking code stores as an attempt's detail or an unlink's warning. Each has
 * `detail.<code>` in lib/i18n/dictionaries/codes.ts (the type of lib/i18n/technical-text.ts
 * requires it), and the dashboard recognises the stored text by these templates.
 */
export const LINK_DETAILS = defineDetails({
  gcNoUser: "GetCourse has no user with this e-mail.",
  gcNoField:
    'GetCourse has no user field {fields}: create it in GetCourse (Профиль → Настройки аккаунта → Дополнительные поля пользователя), then press "Test connection" in the GetCourse card on Settings.',
  gcNotFinished: "GetCourse did not finish within {seconds} s.",
  startLinkOtherUser: "This e-mail belongs to GetCourse user {actual}, but the link names user {named}.",
  clientLinkedElsewhere: "Salebot client {client} is already linked to another e-mail.",
  emailLinkedTo: "{email} is already linked to Salebot client {client}.",
  emailLinkedElsewhere: "This e-mail is already linked to another Salebot client.",
  linkedMeanwhile: "{email} was linked to another Salebot client at the same time.",
  malformedRequest: "The request is malformed.",
  salebotVariablesWritten: "Salebot variables written",
  alreadyLinked: "already linked",
  relinkedByAdmin: "relinked by an admin",
  relinkRefused: "Relink: {detail}",
  gcFieldsNotCleared: "GetCourse fields of {email} were not cleared: {cause}",
  salebotVariablesNotCleared: "Salebot variables of client {client} were not cleared: {cause}",
  startLinkUsed: "This start link was already used by Salebot client {client}.",
  startLinkForged: "The start code's signature does not match: it was altered or made up.",
  startLinkBroken: "The start code is broken (cut off, too long or wrongly spelt).",
  startLinkOtherProject: "The start code was made for Salebot project {made}, not {project}.",
  startLinkClientProject: "The hub links Salebot project {project}; this client belongs to project {client}.",
  startLinkUnknownUser:
    "GetCourse has not told the hub about user {user} (no order event, no link, no Tech API answer): the code links nobody.",
});

/** The suffix of a failure whose automatic retries ran out. */
export const GAVE_UP_SUFFIX = " Gave up after 24 hours of retries.";

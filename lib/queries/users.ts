import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db";

/** The people who sign in, as the Users page lists them (changes are in lib/users/manage.ts). */
export type UserRow = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  active: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
};

export const USER_ROW_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  createdAt: true,
  lastLoginAt: true,
} as const;

export function toUserRow(user: {
  id: bigint;
  email: string;
  name: string | null;
  role: Role;
  active: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
}): UserRow {
  return { ...user, id: user.id.toString() };
}

/** Active users first, then by e-mail; a school has a handful of them, so no paging. */
export async function listUsers(): Promise<UserRow[]> {
  const users = await db.user.findMany({ select: USER_ROW_SELECT, orderBy: [{ active: "desc" }, { email: "asc" }] });
  return users.map(toUserRow);
}

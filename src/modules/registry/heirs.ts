/**
 * Who may claim when a participant dies, and which children may receive a scholarship.
 * Heirs come in groups, the first group with anyone living takes it all: spouse and children, then
 * parents, then grandchildren, then siblings (Permenaker 5/2021, as the scheme applies it).
 * Scholarships (RULES.md §4.4): at most two children, below 23, unmarried, not working.
 */
import type { Relation } from './tables.ts';

export interface FamilyMember {
  id: number;
  relation: Relation;
  birthDate: string;
  married: boolean;
  working: boolean;
  deceased: boolean;
}

const GROUPS: Relation[][] = [['spouse', 'child'], ['parent'], ['grandchild'], ['sibling']];
export const SCHOLARSHIP_MAX_AGE = 23;
export const SCHOLARSHIP_CHILDREN = 2;

export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function mayClaim(family: FamilyMember[]): Set<number> {
  const living = family.filter((f) => !f.deceased);
  for (const group of GROUPS) {
    const members = living.filter((f) => group.includes(f.relation));
    if (members.length) return new Set(members.map((f) => f.id));
  }
  return new Set();
}

/** The two eldest children who still qualify (the scholarship follows them through school). */
export function scholarshipChildren(family: FamilyMember[], on: string): Set<number> {
  const children = family
    .filter((f) => f.relation === 'child' && !f.deceased && !f.married && !f.working && ageOn(f.birthDate, on) < SCHOLARSHIP_MAX_AGE)
    .sort((a, b) => a.birthDate.localeCompare(b.birthDate) || a.id - b.id);
  return new Set(children.slice(0, SCHOLARSHIP_CHILDREN).map((c) => c.id));
}

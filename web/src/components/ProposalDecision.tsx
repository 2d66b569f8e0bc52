/**
 * Deciding a maker-checker proposal (rules, holidays): a note per proposal, required to reject; approve
 * and reject buttons; the proposer sees a notice instead, since nobody decides their own proposal.
 */
import { useState } from 'react';
import { useI18n, useWords } from '../i18n.tsx';
import { problemOf } from '../pages/MyFamily.tsx';
import { Field } from './Form.tsx';

const WORDS = {
  decisionNote: { id: 'Catatan keputusan (wajib bila menolak)', en: 'Decision note (required to reject)' },
  approve: { id: 'Setujui', en: 'Approve' },
  reject: { id: 'Tolak', en: 'Reject' },
  noteRequired: { id: 'Tulis alasan penolakan.', en: 'Say why the proposal is rejected.' },
};

export type Decision = 'approve' | 'reject';

/** The notes, their errors and the proposal being decided; `decide` runs one decision with its note. */
export function useProposalDecisions() {
  const w = useWords(WORDS);
  const { t } = useI18n();
  const [busy, setBusy] = useState<number>();
  const [notes, setNotes] = useState<Record<number, string>>({});
  const [noteErrors, setNoteErrors] = useState<Record<number, string>>({});
  const [problem, setProblem] = useState<string>();
  async function decide(id: number, decision: Decision, send: (note: string) => Promise<void>) {
    const note = (notes[id] ?? '').trim();
    setProblem(undefined);
    setNoteErrors((n) => ({ ...n, [id]: '' }));
    if (decision === 'reject' && !note) { setNoteErrors((n) => ({ ...n, [id]: w.noteRequired })); return; }
    setBusy(id);
    try {
      await send(note);
      setNotes((n) => ({ ...n, [id]: '' }));
    } catch (err) {
      setProblem(problemOf(err, t('networkError')).general);
    } finally {
      setBusy(undefined);
    }
  }
  const setNote = (id: number, note: string) => setNotes((n) => ({ ...n, [id]: note }));
  return { busy, notes, noteErrors, problem, decide, setNote };
}

/** The note field and the two buttons of one proposal, described by its heading (`describedBy`). */
export function DecisionControls({ id, describedBy, decisions, onDecide, approveDisabled = false }: {
  id: number;
  describedBy: string;
  decisions: ReturnType<typeof useProposalDecisions>;
  onDecide: (decision: Decision) => void;
  approveDisabled?: boolean;
}) {
  const w = useWords(WORDS);
  const busy = decisions.busy === id;
  return (
    <>
      <Field id={`decision-note-${id}`} label={w.decisionNote} value={decisions.notes[id] ?? ''} error={decisions.noteErrors[id] || undefined}
        onChange={(e) => decisions.setNote(id, e.target.value)} maxLength={500} />
      <div className="actions">
        <button type="button" className="primary" aria-describedby={describedBy} disabled={busy || approveDisabled} onClick={() => onDecide('approve')}>{w.approve}</button>
        <button type="button" aria-describedby={describedBy} disabled={busy} onClick={() => onDecide('reject')}>{w.reject}</button>
      </div>
    </>
  );
}

/** The standard PDF fonts speak WinAnsi only; anything else would print as garbage, so it prints as '?'. */
export const winAnsi = (s: string) => s.normalize('NFC').replace(/[^\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026]/g, '?');

/** KPJ numbers as people read them aloud: 900 0000 0043 (11 digits: 3-4-4). */
export const groupKpj = (kpj: string) => (/^\d{11}$/.test(kpj) ? kpj.replace(/(\d{3})(\d{4})(\d{4})/, '$1 $2 $3') : kpj);

/** A small bar chart as a table: each row's bar is drawn to scale, and its number is there to read. */
export interface BarRow { key: string; label: string; value: number; detail?: string }

export function Bars({ caption, rows, valueLabel }: { caption: string; rows: BarRow[]; valueLabel: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <table className="bars">
      <caption>{caption}</caption>
      <thead><tr><th scope="col"><span className="visually-hidden">{caption}</span></th><th scope="col">{valueLabel}</th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td>
              <span className="bar" style={{ width: `${Math.max(2, (r.value / max) * 100)}%` }} aria-hidden="true" />
              <span className="bar-value">{r.value.toLocaleString('id-ID')}{r.detail ? ` · ${r.detail}` : ''}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

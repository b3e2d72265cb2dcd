/** Saves a CSV export of the stats API (read with `parseAs: 'text'`) as a file (Blob + a temporary link). */
export const downloadCsv = (text: string, fallbackName: string) => {
  // Older servers wrapped the CSV in JSON ({filename, csv}); accept both.
  let csv = text;
  let filename = fallbackName;
  if (text.trimStart().startsWith('{')) {
    const wrapped = JSON.parse(text) as { csv: string; filename?: string };
    csv = wrapped.csv;
    filename = wrapped.filename ?? fallbackName;
  }
  // Reading the response as text drops the byte-order mark; the file keeps it, so a spreadsheet
  // reads the Czech characters as UTF-8.
  const bom = csv.startsWith('\uFEFF') ? '' : '\uFEFF';
  const url = URL.createObjectURL(new Blob([bom + csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

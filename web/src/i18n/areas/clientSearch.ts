// Messages for the client search (issue 21): the search hint and what each row of the client list
// shows so that two people of the same name can be told apart. Czech and English side by side; the
// type refuses a key missing in English.
export const csClientSearch = {
  'clientSearch.hint': 'Jméno, kód klienta nebo rok narození. Diakritika ani velká písmena nevadí.',
  'clientSearch.searching': 'Hledám…',
  'clientSearch.born': 'nar. {year}',
  'clientSearch.code': 'kód {code}',
  'clientSearch.keyWorker': 'klíčový pracovník: {name}',
  'clientSearch.lastActivity': 'poslední záznam {date}',
  'clientSearch.noMatch': 'Hledání „{q}“ neodpovídá žádný klient.',
};

export const enClientSearch: Record<keyof typeof csClientSearch, string> = {
  'clientSearch.hint': 'Name, client code or year of birth. Accents and capitals do not matter.',
  'clientSearch.searching': 'Searching…',
  'clientSearch.born': 'born {year}',
  'clientSearch.code': 'code {code}',
  'clientSearch.keyWorker': 'key worker: {name}',
  'clientSearch.lastActivity': 'last record {date}',
  'clientSearch.noMatch': 'No client matches “{q}”.',
};

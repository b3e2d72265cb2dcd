// Messages for the console on a phone (issue 21 item 7): the menu button of the compact header and
// the toast that keeps a form's confirmation or error in view. Czech and English side by side; the
// type refuses a key missing in English.
export const csPhoneLayout = {
  'phoneLayout.menu': 'Menu',
  'phoneLayout.menuLabel': 'Menu: navigace, jazyk a odhlášení',
  'phoneLayout.dismiss': 'Zavřít oznámení',
  'phoneLayout.notSaved': 'Neuloženo. Opravte prosím označená pole.',
  'phoneLayout.failed': 'Neuloženo: {problem}',
  'phoneLayout.table': 'Tabulka, posouvá se do strany',
};

export const enPhoneLayout: Record<keyof typeof csPhoneLayout, string> = {
  'phoneLayout.menu': 'Menu',
  'phoneLayout.menuLabel': 'Menu: navigation, language and sign-out',
  'phoneLayout.dismiss': 'Dismiss the message',
  'phoneLayout.notSaved': 'Not saved. Please correct the marked fields.',
  'phoneLayout.failed': 'Not saved: {problem}',
  'phoneLayout.table': 'Table, scrolls sideways',
};

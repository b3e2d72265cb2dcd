// The texts only coordinator and admin screens show, a module per language (vite.config.ts).
declare module 'virtual:spolu-staff-messages/*' {
  export const messages: Record<string, string>;
}

// Types of vite-plugin-pwa's virtual modules (virtual:pwa-register in main.tsx).
/// <reference types="vite-plugin-pwa/client" />

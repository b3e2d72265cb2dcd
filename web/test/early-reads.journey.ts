// A page opened at a client file (a link, the home screen, a reload) asks the API for the file as
// soon as config.json is in, while the screen's code is still on its way (web/src/api/earlyReads.ts,
// issue 24 item 5), and the screen takes that answer instead of asking again.
import { describe, expect, it, jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { actor } from '../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { SeededDirectory } from '../../packages/local/src/seed/seed-directory';
import { newPage, phone, signIn } from './browser';
import { registerNamedClient } from './client-setup';
import type { ConsoleRuntime } from './console-runtime';
import { withConsoleRuntime } from './console-runtime';

jest.setTimeout(120_000);

let rt: RegionRuntime;
let browser: Browser;
let seeded: SeededDirectory;
let user: ConsoleRuntime['user'];
withConsoleRuntime((c) => ({ rt, browser, seeded, user } = c));

describe('early reads', () => {
  it('a client file opened afresh is read while its screen code loads, and only once', async () => {
    const petra = user('k-centrum-liberec/petra-hajkova');
    const api = await actor(rt, petra);
    const clientId = await registerNamedClient(api, {
      serviceId: seeded.services['k-centrum-liberec/kontaktni-centrum']!,
      name: 'Iva Raná',
      birthDate: '1991-05-02',
      sex: 'female',
      district: 'liberec',
    });
    await rt.settle();
    // No service worker: every file comes from the network, where the test can hold it back.
    const { context, page } = await newPage(browser, rt.url, { viewport: phone, serviceWorkers: 'block' });
    await signIn(page, petra.email);
    // The client file screen's chunk arrives 1.5 s late, as on a slow link.
    let chunkSent = Number.POSITIVE_INFINITY;
    await page.route(/\/assets\/ClientFile-[^/]*\.js$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      chunkSent = Date.now();
      await route.continue();
    });
    const fileReads: number[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith(`/clients/${clientId}/file`)) fileReads.push(Date.now());
    });
    // A new document (the session stays in the tab's sessionStorage), opened at the client file.
    await page.goto(`/?fresh#/clients/${clientId}`);
    await page.getByRole('heading', { name: /Spis klienta: Iva Raná/ }).waitFor();
    expect({ reads: fileReads.length, beforeChunk: fileReads[0]! < chunkSent }).toEqual({
      reads: 1,
      beforeChunk: true,
    });
    await context.close();
  });
});

/**
 * The console's browser tests: Debian's Chromium started headless with the flags this machine
 * needs (no background networking: the closed network refuses it), Keycloak's login form, and a
 * full-page screenshot under .stack/e2e/screenshots/ when a scenario fails.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { stackPaths } from '@strata/testing';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = process.env.STRATA_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Runs a scenario and keeps a full-page screenshot of the browser when it fails. */
export async function withScreenshotOnFailure(
  page: Page,
  name: string,
  scenario: () => Promise<void>,
): Promise<void> {
  try {
    await scenario();
  } catch (error) {
    const directory = join(stackPaths().e2e, 'screenshots');
    mkdirSync(directory, { recursive: true });
    const file = join(directory, `${name}-${Date.now()}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    throw new Error(`${String(error)}\n(screenshot: ${file}, page: ${page.url()})`, {
      cause: error,
    });
  }
}

/** From a console page: the Sign in button, then Keycloak's own login form. */
export async function signInOnKeycloak(
  page: Page,
  username: string,
  password: string,
): Promise<void> {
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForSelector('#kc-login');
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('#kc-login');
}

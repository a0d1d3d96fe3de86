// Drives Debian's Chromium (headless) with playwright-core for the console's
// browser tests (tests/console/): one JSON command per line on stdin, one
// JSON answer per line on stdout, in order. The Rust test keeps the plot:
// it starts the server, the devices and this driver, and asks the questions.
//
//   {"op":"goto","url":"http://127.0.0.1:4711/console/"}       -> {"ok":true}
//   {"op":"fill","testid":"login","value":"sup"}
//   {"op":"click","testid":"approve"}
//   {"op":"choose","testid":"lang","value":"en"}
//   {"op":"upload","testid":"import-file","name":"pagos.csv","content":"account_ref,…"}
//   {"op":"text","testid":"queue-done","contains":"aprobado"}   -> {"ok":true,"value":"…"}
//   {"op":"lacks","testid":"log-table","text":"Visita"}
//   {"op":"photograph","path":"…/7a.png","width":1280,"height":800}
//
// Every wait is Playwright's own (an element attached, visible, enabled,
// holding the text), bounded by CAMPO_BROWSER_TIMEOUT_MS.
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const timeout = Number(process.env.CAMPO_BROWSER_TIMEOUT_MS ?? 15000);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX', timezoneId: 'America/Mexico_City' });
context.setDefaultTimeout(timeout);
const page = await context.newPage();
const messages = [];
// A refused request is the browser's to log and the page's to word: only
// the page's own errors count.
page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) messages.push(m.text()); });
page.on('pageerror', (e) => messages.push(String(e)));

const at = ({ testid }) => page.getByTestId(testid).first();

const ops = {
  goto: async ({ url }) => { await page.goto(url); },
  fill: async (c) => { await at(c).fill(c.value); },
  click: async (c) => { await at(c).click(); },
  choose: async (c) => { await at(c).selectOption(c.value); },
  upload: async (c) => { await at(c).setInputFiles({ name: c.name, mimeType: 'text/csv', buffer: Buffer.from(c.content) }); },
  text: async (c) => {
    const element = at(c);
    if (c.contains) {
      await element.filter({ hasText: c.contains }).waitFor();
    } else {
      await element.waitFor();
    }
    return element.innerText();
  },
  lacks: async ({ testid, text }) => {
    await page.waitForFunction(
      ([id, unwanted]) => !(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '').includes(unwanted),
      [testid, text],
      { timeout },
    );
  },
  photograph: async ({ path, width, height }) => {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  },
  errors: async () => messages.splice(0),
};

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  const command = JSON.parse(line);
  let answer;
  try {
    const op = ops[command.op];
    if (!op) throw new Error(`unknown op ${command.op}`);
    const started = Date.now();
    answer = { ok: true, value: (await op(command)) ?? null };
    if (process.env.CAMPO_BROWSER_TRACE) process.stderr.write(`${command.op} ${command.testid ?? ''}: ${Date.now() - started} ms\n`);
  } catch (e) {
    answer = { ok: false, error: `${command.op} ${command.testid ?? command.url ?? ''}: ${e.message}`, page: await page.content().catch(() => '') };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
await browser.close();

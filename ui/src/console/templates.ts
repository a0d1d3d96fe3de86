// A country's message templates as the policy editor shows them, read back
// into the policy's templates, and filled with sample values so the admin
// reads what a debtor would. Whether a template is lawful is the server's to
// say (campo_core::message::Template::check): the preview and the save both
// ask it, and its answer names the template at fault.
import type { ContactPolicy, Template, TemplateProblem } from '../lib/types';
import type { Placeholder } from '../lib/messages';

/** The template automatic reminders are filled from: it stays, and it collects. */
export const REMINDER = 'recordatorio_promesa';

/** The most templates a policy holds (campo_core::message::MAX_TEMPLATES). */
export const MAX_TEMPLATES = 20;


export interface TemplateForm {
  /** Which one it is on the page, while its code may still change. */
  key: number;
  code: string;
  name: string;
  text: string;
  /** Added in this edit: its code may still change. */
  fresh: boolean;
  /** Its code still follows its name (see `codeFor`), until the admin types one. */
  codeFromName: boolean;
}

/** What the server found wrong with one template on the page. */
export interface TemplateFault {
  key: number;
  problem: TemplateProblem;
}

/** The template on the page that `code` names: of two with one code, the later one repeats it. */
export function faultOf(forms: TemplateForm[], code: string, problem: TemplateProblem): TemplateFault | null {
  const named = forms.filter((f) => f.code.trim() === code);
  const form = problem.problem === 'repeated' ? named.at(-1) : named[0];
  return form ? { key: form.key, problem } : null;
}

/** A code made from a template's name: "Aviso de convenio" is aviso_de_convenio. */
export function codeFor(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
}

let keys = 0;

export function templateForms(templates: Template[]): TemplateForm[] {
  return templates.map((t) => ({ key: ++keys, code: t.code, name: t.name, text: t.text, fresh: false, codeFromName: false }));
}

/** A new template, already naming who sends it, for whom and how to answer. */
export function newTemplate(): TemplateForm {
  return {
    key: ++keys, code: '', name: '', fresh: true, codeFromName: true,
    text: 'Hola {nombre}, le saluda {gestor} de {agencia}, en nombre de {acreedor}. Responda a este mensaje o llame al {telefono}.',
  };
}

/** A template collects when it names what a promise's reminder fills: an amount or a date. */
export function collects(text: string): boolean {
  return text.includes('{monto}') || text.includes('{fecha}');
}

/** The policy's templates; one that collects reminds of a payment, the others follow a contact up. */
export function readTemplates(forms: TemplateForm[]): Template[] {
  return forms.map((f) => {
    const collecting = collects(f.text);
    return { code: f.code.trim(), name: f.name.trim(), purpose: collecting ? 'reminder' : 'follow_up', collects: collecting, text: f.text.trim() };
  });
}

/** Sample values for `policy`'s country, as a message to a debtor writes them. */
export function sampleValues(policy: Pick<ContactPolicy, 'country' | 'agency' | 'agency_phone'>, today: Date): Record<Placeholder, string> {
  const due = new Date(today.getTime() + 7 * 86_400_000);
  const peru = policy.country === 'PE';
  return {
    nombre: 'María López', gestor: 'Ana Torres', agencia: policy.agency, acreedor: 'Banco del Centro',
    contrato: peru ? 'PE-000123' : 'MX-000123', telefono: policy.agency_phone,
    monto: peru ? 'S/ 1,500.00' : '$1,500.00',
    fecha: new Intl.DateTimeFormat('es-MX', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(due),
  };
}

/** `text` with its placeholders filled from `values`; one Campo does not fill stays as written. */
export function fill(text: string, values: Record<Placeholder, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? values[name as Placeholder] : whole));
}

/** `text` with `{placeholder}` put where the cursor was. */
export function insertAt(text: string, at: number, placeholder: Placeholder): string {
  return `${text.slice(0, at)}{${placeholder}}${text.slice(at)}`;
}

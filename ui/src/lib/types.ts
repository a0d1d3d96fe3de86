// Everything that crosses from Rust is generated into bindings.ts (see
// tests/scenarios/bindings.rs); this module adds the UI's own few types.

import type { CallFields, MessageFields, PromiseFields, RecordKind, VisitFields } from './bindings';

export type * from './bindings';

export type Lang = 'es-MX' | 'es-PE' | 'en';
/** What a gestor records from the app. */
export type ActivityKind = Extract<RecordKind, 'visit' | 'call' | 'promise' | 'message'>;
/** What ActivityForm records; messages have their own form. */
export type FormKind = Exclude<ActivityKind, 'message'>;
/** The body of one, as the forms build it for `save_activity`. */
export type ActivityBody = VisitFields | CallFields | PromiseFields | MessageFields;

// The API's answers and bodies, as the server's OpenAPI document defines them (schema.d.ts is generated from
// `sweetshop openapi`; a test fails when it is stale).
import type { components } from './schema';

type Schemas = components['schemas'];

export type Sweet = Schemas['Sweet'];
export type SweetPage = Schemas['SweetPage'];
export type User = Schemas['User'];
export type RegisteredUser = Schemas['RegisteredUser'];
export type CategoryMetrics = Schemas['CategoryMetrics'][number];
export type FieldErrorsBody = Schemas['FieldErrors'];
export type SessionStart = Schemas['SessionStart'];
export type AccountSession = Schemas['Session'];
export type SessionList = Schemas['SessionList'];
export type AuditEntry = Schemas['AuditEntry'];
export type AuditPage = Schemas['AuditPage'];
export type StorefrontSweet = Schemas['StorefrontSweet'];
export type StorefrontPage = Schemas['StorefrontPage'];
export type ImportPlan = Schemas['ImportPlan'];

import * as z from 'zod/mini';
import { CHOICE_VALUES, JURISDICTIONS, METHODS, OPTIONAL_PURPOSES, PURPOSES } from './vocabulary-values.js';

// The values live in vocabulary-values.ts (zod-free); every name is still exported from here.
export * from './vocabulary-values.js';

export const PurposeSchema = z.enum(PURPOSES);
export type Purpose = z.infer<typeof PurposeSchema>;

export const OptionalPurposeSchema = z.enum(OPTIONAL_PURPOSES);
export type OptionalPurpose = z.infer<typeof OptionalPurposeSchema>;

export const ChoiceValueSchema = z.enum(CHOICE_VALUES);
export type ChoiceValue = z.infer<typeof ChoiceValueSchema>;

export const JurisdictionSchema = z.enum(JURISDICTIONS);
export type Jurisdiction = z.infer<typeof JurisdictionSchema>;

export const MethodSchema = z.enum(METHODS);
export type Method = z.infer<typeof MethodSchema>;

/**
 * The check of a vendor's connection options, shared by the playbook, main and the command
 * line. No zod here: the renderer bundles this file.
 */
export interface ConnectionOptionRule {
  key: string;
  label: string;
  hint: string;
  required: boolean;
  pattern?: string;
  invalid?: string;
}

export interface ConnectionOptionProblem {
  key: string;
  message: string;
  /** For a missing value: what to enter (the field shows it beside; a message on its own says it). */
  hint?: string;
}

/** What is missing or malformed in `options`, per declared option; empty when all is well. */
export function connectionOptionProblems(specs: readonly ConnectionOptionRule[] | undefined, options: Readonly<Record<string, unknown>> | undefined): ConnectionOptionProblem[] {
  const problems: ConnectionOptionProblem[] = [];
  for (const spec of specs ?? []) {
    const raw = options?.[spec.key];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value === '') {
      if (spec.required) problems.push({ key: spec.key, message: `Enter the ${spec.label.toLowerCase()}.`, hint: spec.hint });
    } else if (spec.pattern && !new RegExp(`^(?:${spec.pattern})$`, 'i').test(value)) {
      problems.push({ key: spec.key, message: spec.invalid ?? `This is not a ${spec.label.toLowerCase()}.` });
    }
  }
  return problems;
}

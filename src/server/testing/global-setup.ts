import { mkdirSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { dropTemplate, prepareTemplate, TEMPLATE_DIR } from './template';

declare module 'vitest' {
  export interface ProvidedContext {
    templateName: string | undefined;
  }
}

export default async function setup(project: TestProject) {
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  const { templateName } = await prepareTemplate();
  project.provide('templateName', templateName);
  return async () => {
    await dropTemplate(templateName);
  };
}

import { App } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/errors';
import type { Job } from '../api/types';

/**
 * Starts a background job (an export, a register) on a click: `starting` while the request runs,
 * then the id of the job to follow; a refusal is shown as a message.
 */
export function useStartJob(start: () => Promise<Job>) {
  const { message } = App.useApp();
  const [jobId, setJobId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  const run = async () => {
    setStarting(true);
    try {
      setJobId((await start()).id);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setStarting(false);
    }
  };

  return { jobId, starting, run, clear: () => setJobId(null) };
}

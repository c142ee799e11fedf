/**
 * Entry of the preview worker threads (tinypool calls the default export with each job). Compiled to
 * dist/preview-worker.mjs by scripts/build-cli.mjs; preview-pool.ts starts it.
 */
import os from "node:os";
import { runPreviewJob, type PreviewJob, type PreviewOutcome } from "./preview-work";

// Rendering yields the CPU to the thread that serves requests: on Linux a priority set with pid 0 is the calling
// thread's alone (elsewhere it would be the whole process's, so it is left alone there).
if (process.platform === "linux") {
  try {
    os.setPriority(0, 10);
  } catch {
    // not permitted: run at the normal priority
  }
}

export default function previewWorker(job: PreviewJob): Promise<PreviewOutcome> {
  return runPreviewJob(job);
}

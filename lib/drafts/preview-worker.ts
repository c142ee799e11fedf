/**
 * Entry of the preview worker threads (tinypool calls the default export with each job). Compiled to
 * dist/preview-worker.mjs by scripts/build-cli.mjs; preview-pool.ts starts it.
 */
import { runPreviewJob, type PreviewJob, type PreviewOutcome } from "./preview-work";

export default function previewWorker(job: PreviewJob): PreviewOutcome {
  return runPreviewJob(job);
}

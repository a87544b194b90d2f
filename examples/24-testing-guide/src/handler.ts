import {
  CallbackError,
  CallbackTimeoutError,
  type DurableContext,
  defaultSerdes,
  withDurableExecution,
} from "@durable-examples/runtime";

export interface Draft {
  articleId: string;
  title: string;
  body: string;
  /** Days between the editor's approval and publication. */
  embargoDays: number;
}

/** What the editor's review page sends back. */
export interface Review {
  approved: boolean;
  editor: string;
}

/** The function that renders an article's preview: a plain Lambda function, invoked by name. */
export const PREVIEW_FUNCTION = "render-preview";

/** Stands in for the preview function (in the tests, and in `pnpm example`). */
export async function renderPreview(article: Draft): Promise<string> {
  return `preview of "${article.title}"`;
}

/**
 * Publishes an article: counts its words, has another function render a preview, waits up to
 * two days for an editor's review, holds it for its embargo and publishes it. It uses one of each
 * kind of operation, so that each harness feature in the tests has something to act on.
 */
export const handler = withDurableExecution(async (draft: Draft, context: DurableContext) => {
  const words = await context.step("count-words", () => draft.body.split(/\s+/).length);
  const preview = await context.invoke<Draft, string>("render-preview", PREVIEW_FUNCTION, draft);
  let review: Review;
  try {
    review = await context.waitForCallback<Review>(
      "editor-review",
      (callbackId, { logger }) => logger.info(`review ${preview}: answer ${callbackId}`),
      { timeout: { days: 2 }, serdes: defaultSerdes },
    );
  } catch (error) {
    if (error instanceof CallbackTimeoutError)
      return { status: "expired", articleId: draft.articleId };
    if (error instanceof CallbackError) throw new Error(`The review failed: ${error.message}`);
    throw error;
  }
  if (!review.approved)
    return { status: "rejected", articleId: draft.articleId, by: review.editor };
  await context.wait("embargo", { days: draft.embargoDays });
  const url = await context.step("publish", () => `https://news.example.com/${draft.articleId}`);
  return { status: "published", articleId: draft.articleId, url, words, approvedBy: review.editor };
});

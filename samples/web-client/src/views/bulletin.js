// The Teacher bulletin: notes between the partner teachers that pupils, experts and observers never see.
import { can } from '../roles.js';
import { renderUpdatesFeed } from './updates-feed.js';

export function renderBulletin(ctx) {
  return renderUpdatesFeed({ kind: 'bulletin', ctx, headingLevel: 'h1', canWrite: () => ctx.allowed('postBulletin') && can(ctx.myRole(), 'postBulletin') });
}

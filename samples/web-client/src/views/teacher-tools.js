// The teacher tools on a TwinSpace home: create pupil logins, invite teachers and guests, archive and close.
// Each returns one self-contained form or section; the home page decides which ones a role gets.
import { field, h, replaceChildren, withBusy } from '../dom.js';
import { errorLine } from '../error-line.js';
import { formatDateTime, t } from '../i18n.js';
import * as hub from '../hub.js';
import { INVITABLE_ROLES, roleLabel } from '../roles.js';

const MAX_PUPILS_PER_REQUEST = 50;
const MAX_NICKNAME_LENGTH = 32;

/** Bulk pupil creation: one nickname per line. `onCreated(credentials)` gets the one-time passwords. */
export function createPupilsTool({ twinSpaceId, onCreated }) {
  const nicknames = h('textarea', { rows: 6, testid: 'create-pupils-input', spellcheck: false });
  const error = errorLine('create-pupils-error');
  const submit = h('button', { type: 'submit', class: 'primary', testid: 'create-pupils-submit' }, t('pupils.create'));
  return h('form', {
    class: 'card stack', 'aria-labelledby': 'create-pupils-heading',
    onsubmit: (event) => {
      event.preventDefault();
      error.clear();
      const list = nicknames.value.split('\n').map((line) => line.trim()).filter(Boolean);
      const problem = checkNicknames(list);
      if (problem) {
        error.show(problem);
        return;
      }
      withBusy(submit, t('common.creating'), async () => {
        try {
          const credentials = await hub.createPupils(twinSpaceId, list);
          nicknames.value = '';
          await onCreated(credentials);
        } catch (failure) {
          error.show(failure);
        }
      });
    },
  },
  h('h2', { id: 'create-pupils-heading' }, t('pupils.heading')),
  field(t('pupils.nicknames'), nicknames,
    t('pupils.nicknamesHint', { max: MAX_PUPILS_PER_REQUEST })),
  error.element, submit);
}

// The server checks the same limits; checking first saves a round trip and gives a friendlier message.
function checkNicknames(nicknames) {
  if (!nicknames.length) return t('pupils.noneWritten');
  if (nicknames.length > MAX_PUPILS_PER_REQUEST) {
    return t('pupils.tooMany', { max: MAX_PUPILS_PER_REQUEST, count: nicknames.length });
  }
  const tooLong = nicknames.find((nickname) => nickname.length > MAX_NICKNAME_LENGTH);
  if (tooLong) return t('pupils.tooLong', { nickname: tooLong, max: MAX_NICKNAME_LENGTH });
  return '';
}

/** Makes a single-use invitation link for a teacher or guest role. */
export function invitationTool({ twinSpaceId }) {
  const role = h('select', { testid: 'invite-role' },
    INVITABLE_ROLES.map((value) => h('option', { value }, roleLabel(value))));
  const result = h('div', { class: 'stack' });
  const error = errorLine('create-invitation-error');
  const submit = h('button', { type: 'submit', testid: 'create-invitation' }, t('invite.create'));
  return h('form', {
    class: 'card stack', 'aria-labelledby': 'invite-heading',
    onsubmit: (event) => {
      event.preventDefault();
      error.clear();
      withBusy(submit, t('common.creating'), async () => {
        try {
          const invitation = await hub.createInvitation(twinSpaceId, role.value);
          replaceChildren(result, invitationLink(invitation));
        } catch (failure) {
          error.show(failure);
        }
      });
    },
  },
  h('h2', { id: 'invite-heading' }, t('invite.heading')),
  field(t('invite.role'), role),
  error.element, submit, result);
}

function invitationLink(invitation) {
  const link = new URL(`./?invite=${encodeURIComponent(invitation.token)}`, document.baseURI).toString();
  const linkInput = h('input', { type: 'text', readOnly: true, value: link, testid: 'invitation-link' });
  const copy = h('button', { type: 'button' }, t('invite.copy'));
  copy.addEventListener('click', async () => {
    linkInput.select();
    try {
      await navigator.clipboard.writeText(link);
      copy.textContent = t('invite.copied');
    } catch {
      copy.textContent = t('invite.pressCopy');
    }
  });
  return [
    field(t('invite.link', { role: roleLabel(invitation.role) }), linkInput,
      t('invite.linkHint', { date: formatDateTime(invitation.expiresAt) })),
    copy,
  ];
}

/**
 * Archive and close, each behind a confirmation. Returns null when neither is offered.
 * `onArchived(twinSpaceView)` and `onClosed()` tell the page what happened.
 */
export function lifecycleTool({ twinSpaceId, canArchive, canClose, onArchived, onClosed }) {
  if (!canArchive && !canClose) return null;
  const error = errorLine('lifecycle-error');
  const action = (testid, label, busyText, question, run) => {
    const button = h('button', {
      type: 'button', class: 'danger', testid,
      onclick: () => {
        if (!window.confirm(question)) return;
        error.clear();
        withBusy(button, busyText, async () => {
          try {
            await run();
          } catch (failure) {
            error.show(failure);
          }
        });
      },
    }, label);
    return button;
  };
  return h('section', { class: 'card stack danger-zone', 'aria-labelledby': 'lifecycle-heading' },
    h('h2', { id: 'lifecycle-heading' }, t('lifecycle.heading')),
    h('div', { class: 'actions' },
      canArchive
        ? action('archive-twinspace', t('lifecycle.archive'), t('lifecycle.archiving'),
          t('lifecycle.archiveConfirm'),
          async () => onArchived(await hub.archiveTwinSpace(twinSpaceId)))
        : null,
      canClose
        ? action('close-twinspace', t('lifecycle.close'), t('lifecycle.closing'),
          t('lifecycle.closeConfirm'),
          async () => {
            await hub.closeTwinSpace(twinSpaceId);
            onClosed();
          })
        : null),
    error.element);
}

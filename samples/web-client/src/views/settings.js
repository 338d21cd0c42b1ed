// Settings of a TwinSpace, for teachers: the pupils' login code and address, the title and description
// (teacher administrators), invitation links, and the end of the project (archive, close).
import { field, h, replaceChildren, withBusy } from '../dom.js';
import * as hub from '../hub.js';
import { t } from '../i18n.js';
import { can } from '../roles.js';
import { errorLine } from '../error-line.js';
import { invitationTool, lifecycleTool } from './teacher-tools.js';

export function renderSettings(ctx) {
  const { twinSpaceId, state, myRole, allowed } = ctx;
  const element = h('div', { class: 'stack', testid: 'settings-view' });
  let renderedKey = '';

  function pupilLogin() {
    const address = new URL('./', document.baseURI).toString();
    return h('section', { class: 'card stack', 'aria-labelledby': 'pupil-login-heading' },
      h('h2', { id: 'pupil-login-heading' }, t('settings.pupilLogin')),
      h('p', {}, t('settings.pupilLoginIntro')),
      h('dl', { class: 'facts' },
        h('dt', {}, t('settings.address')), h('dd', {}, h('code', {}, address)),
        h('dt', {}, t('settings.code')), h('dd', {}, h('code', { testid: 'settings-code' }, state.twinSpace.code))));
  }

  function detailsForm() {
    const title = h('input', { type: 'text', maxlength: 200, required: true, value: state.twinSpace.title, testid: 'settings-title' });
    const description = h('textarea', { rows: 3, testid: 'settings-description' });
    description.value = state.twinSpace.description ?? '';
    const error = errorLine('settings-error');
    const done = h('p', { class: 'message', role: 'status', testid: 'settings-saved' });
    const save = h('button', { type: 'submit', class: 'primary', testid: 'settings-save' }, t('common.save'));
    return h('form', {
      class: 'card stack', 'aria-labelledby': 'settings-details-heading', onsubmit: (event) => {
        event.preventDefault();
        error.clear();
        done.textContent = '';
        withBusy(save, t('common.saving'), async () => {
          try {
            ctx.applyTwinSpace(await hub.updateTwinSpace(twinSpaceId, title.value.trim(), description.value.trim()));
            done.textContent = t('settings.saved');
          } catch (failure) {
            error.show(failure);
          }
        });
      },
    }, h('h2', { id: 'settings-details-heading' }, t('settings.details')),
    field(t('settings.titleLabel'), title), field(t('settings.descriptionLabel'), description, t('settings.descriptionHint')),
    error.element, done, save);
  }

  function render() {
    const key = `${myRole()}|${state.twinSpace?.state}|${state.twinSpace?.title}|${state.twinSpace?.description}`;
    if (key === renderedKey || !state.twinSpace) return;
    renderedKey = key;
    replaceChildren(element,
      h('h1', {}, t('nav.settings')),
      pupilLogin(),
      allowed('editTwinSpace') ? detailsForm() : null,
      allowed('inviteMembers') ? invitationTool({ twinSpaceId }) : null,
      lifecycleTool({
        twinSpaceId,
        canArchive: allowed('archiveTwinSpace'),
        // Closing is the way out of an archived TwinSpace, so it stays available there (unlike every other change).
        canClose: state.twinSpace.state !== 'closed' && can(myRole(), 'closeTwinSpace'),
        onArchived: ctx.applyTwinSpace,
        onClosed: () => ctx.navigate('#/twinspaces', t('twinspace.closedNotice')),
      }));
  }

  return { element, refresh: render, dispose() {} };
}

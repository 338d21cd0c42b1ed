// Role names for people, and which controls to show. The server's PermissionMatrix is the authority and
// checks every call; this copy only hides buttons a role could not use anyway.
import { t } from './i18n.js';

export const TEACHER_ROLES = ['teacherAdministrator', 'teacher', 'expert', 'observer'];
export const PUPIL_ROLES = ['pupilAdministrator', 'pupil'];
export const INVITABLE_ROLES = ['teacher', 'expert', 'observer', 'teacherAdministrator'];

export function roleLabel(role) {
  return [...TEACHER_ROLES, ...PUPIL_ROLES].includes(role) ? t(`role.${role}`) : t('role.member');
}

const ADMIN = ['teacherAdministrator'];
const SUPERVISORS = ['teacherAdministrator', 'teacher'];

const MATRIX = {
  editTwinSpace: ADMIN,
  inviteMembers: ADMIN,
  changeRoles: ADMIN,
  removeMembers: ADMIN,
  archiveTwinSpace: ADMIN,
  closeTwinSpace: ADMIN,
  exportTwinSpace: ADMIN,
  createPupils: SUPERVISORS,
  managePupils: SUPERVISORS,
  viewBulletin: SUPERVISORS,
  postBulletin: SUPERVISORS,
  postJournal: ['teacherAdministrator', 'teacher', 'pupilAdministrator'],
  createPages: ['teacherAdministrator', 'teacher', 'pupilAdministrator'],
  editOwnPages: ['teacherAdministrator', 'teacher', 'pupilAdministrator'],
  manageAnyPage: ADMIN,
  reorderPages: ADMIN,
  writeChat: ['teacherAdministrator', 'teacher', 'expert', 'pupilAdministrator', 'pupil'],
  createBreakoutChannel: SUPERVISORS,
  directMessageTeachers: SUPERVISORS,
  moderateChat: SUPERVISORS,
  createRooms: SUPERVISORS,
  hostRoomSessions: SUPERVISORS,
  manageLiveEvents: ADMIN,
  hostLiveEvents: ['teacherAdministrator', 'teacher', 'expert'],
};

/** Whether `role` may use `permission` (a name from the server's permission matrix). */
export function can(role, permission) {
  return (MATRIX[permission] ?? []).includes(role);
}

/** Sort order for member lists: teachers before guests before pupils. */
export function roleRank(role) {
  const rank = [...TEACHER_ROLES, ...PUPIL_ROLES].indexOf(role);
  return rank < 0 ? 99 : rank;
}

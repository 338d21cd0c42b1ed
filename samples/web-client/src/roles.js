// Role names for people, and which teacher tools to show. The server's PermissionMatrix is the authority
// and checks every call; this copy only hides buttons a role could not use anyway.

export const TEACHER_ROLES = ['teacherAdministrator', 'teacher', 'expert', 'observer'];
export const PUPIL_ROLES = ['pupilAdministrator', 'pupil'];
export const INVITABLE_ROLES = ['teacher', 'expert', 'observer', 'teacherAdministrator'];

const LABELS = {
  teacherAdministrator: 'Teacher administrator',
  teacher: 'Teacher',
  expert: 'Expert (guest)',
  observer: 'Observer (guest)',
  pupilAdministrator: 'Pupil administrator',
  pupil: 'Pupil',
};

export function roleLabel(role) {
  return LABELS[role] ?? 'Member';
}

const ADMIN = ['teacherAdministrator'];
const SUPERVISORS = ['teacherAdministrator', 'teacher'];

const MATRIX = {
  inviteMembers: ADMIN,
  changeRoles: ADMIN,
  removeMembers: ADMIN,
  archiveTwinSpace: ADMIN,
  closeTwinSpace: ADMIN,
  createPupils: SUPERVISORS,
  managePupils: SUPERVISORS,
  writeChat: ['teacherAdministrator', 'teacher', 'expert', 'pupilAdministrator', 'pupil'],
  createBreakoutChannel: SUPERVISORS,
  directMessageTeachers: SUPERVISORS,
  moderateChat: SUPERVISORS,
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

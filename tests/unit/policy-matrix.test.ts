import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { Role } from '~db/schema/accounts';
import { APP_NAV, navFor } from '~/lib/app-nav';
import {
  PERMISSIONS,
  PUBLIC,
  ROLES,
  ROUTES,
  type Permission,
  can,
  hasGrantFor,
  matchRoute,
  mayOpen,
  rolesWith,
} from '~/lib/policy';
import { ActionRefusal, checkCaller } from '~/lib/server/action-pipeline';

/**
 * The policy matrix: every staff route and every action, for anonymous and each role, against
 * an explicit table of today's behaviour. Adding a page under src/pages/app or an action to
 * src/actions without a policy entry and a row here fails this file.
 *
 * Letters: A admin, S supervisor, O operator, C comms; "*" means anyone, signed in or not.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const LETTER: Record<Role, string> = { admin: 'A', supervisor: 'S', operator: 'O', comms: 'C' };
const WHO = [null, ...ROLES] as const;
const label = (who: Role | null) => who ?? 'anónimo';
const userOf = (who: Role | null) => (who ? { id: 7, role: who } : null);
const allowedBy = (letters: string, who: Role | null) =>
  letters === '*' ? true : who !== null && letters.includes(LETTER[who]);

const EXPECTED_ROUTES: Record<string, string> = {
  '/app': 'ASOC',
  '/app/perfil': 'ASOC',
  '/app/perfil/calendario': 'ASOC',
  '/app/admin/ajustes': 'A',
  '/app/admin/auditoria': 'A',
  '/app/admin/catalogo': 'A',
  '/app/admin/catalogo/[id]': 'A',
  '/app/admin/categorias': 'A',
  '/app/admin/conservacion': 'A',
  '/app/admin/usuarios': 'A',
  '/app/admin/usuarios/[id]': 'A',
  '/app/correo': 'A',
  '/app/correo/[id]': 'A',
  '/app/solicitudes': 'AS',
  '/app/solicitudes/[id]': 'AS',
  '/app/agenda': 'ASOC',
  '/app/agenda/[id]': 'ASOC',
  '/app/agenda/[id]/constancia.pdf': 'ASO',
  '/app/agenda/lista': 'ASOC',
  '/app/agenda/ausencias': 'ASOC',
  '/app/agenda/exportar': 'ASOC',
  '/app/agenda/exportar.csv': 'ASOC',
  '/app/agenda/feed.json': 'ASOC',
  '/app/agenda/nueva': 'ASO',
  '/app/agenda/programar/[requestId]': 'AS',
  '/app/eventos': 'ASOC',
  '/app/eventos/nuevo': 'ASC',
  '/app/eventos/[id]': 'ASC',
  '/app/eventos/[id]/registros.csv': 'ASC',
  '/app/eventos/[id]/constancias.pdf': 'ASC',
  '/app/eventos/[id]/asistencia': 'ASOC',
  '/app/eventos/[id]/asistencia/datos.json': 'ASOC',
  '/app/eventos/[id]/asistencia/marcar': 'ASOC',
  '/app/contenido': 'ASOC',
  '/app/contenido/tablero': 'ASOC',
  '/app/contenido/exportar': 'ASOC',
  '/app/contenido/publicaciones.json': 'ASOC',
  '/app/contenido/publicaciones/[id]': 'ASOC',
  '/app/contenido/publicaciones/nueva': 'ASC',
  '/app/contenido/campanas': 'ASOC',
  '/app/contenido/campanas/[id]': 'ASOC',
  '/app/contenido/recursos/[id]': 'ASOC',
  '/app/contenido/aprobadores': 'A',
  '/app/casos': 'ASO',
  '/app/casos/nuevo': 'ASO',
  '/app/casos/[folio]': 'ASO',
  '/app/casos/exportar': 'ASO',
  '/app/casos/oficios/[numero]': 'ASO',
  '/app/seguimientos': 'ASO',
  '/app/bitacora': 'ASO',
  '/app/directorio': 'ASO',
  '/app/directorio/[id]': 'ASO',
  '/app/directorio/exportar': 'ASO',
  '/app/linea': 'ASO',
  '/app/linea/stream': 'ASO',
  '/app/privacidad': 'A',
  '/app/privacidad/[folio]': 'A',
  '/app/privacidad/[folio]/carta': 'A',
  '/app/reportes': 'ASC',
  '/app/reportes/mensual': 'ASC',
  '/app/reportes/[informe]': 'ASC',
  '/app/reportes/[informe].csv': 'ASC',
};

const EXPECTED_ACTIONS: Record<string, string> = {
  'accounts.login': '*',
  'accounts.forgotPassword': '*',
  'accounts.setPassword': '*',
  'accounts.createUser': 'A',
  'accounts.updateUser': 'A',
  'accounts.resendInvitation': 'A',
  'accounts.retryMail': 'A',
  'accounts.changePassword': 'ASOC',
  'settings.save': 'A',
  'content.createPost': 'ASC',
  'content.updatePost': 'ASC',
  'content.transition': 'ASC',
  'content.comment': 'ASC',
  'content.removeAsset': 'ASC',
  'content.movePost': 'ASC',
  'content.saveCampaign': 'ASC',
  'content.addApprover': 'A',
  'content.removeApprover': 'A',
  'requests.submit': '*',
  'requests.cancel': '*',
  'requests.evaluate': '*',
  'requests.recoverLink': '*',
  'requests.changeStatus': 'AS',
  'requests.saveWorkshop': 'A',
  'scheduling.createActivity': 'ASO',
  'scheduling.updateActivity': 'ASO',
  'scheduling.cancelActivity': 'ASO',
  'scheduling.recordOutcome': 'ASO',
  'scheduling.scheduleRequest': 'AS',
  'scheduling.createTimeOff': 'ASO',
  'scheduling.deleteTimeOff': 'ASO',
  'scheduling.moveActivity': 'ASO',
  'scheduling.undoMove': 'ASO',
  'scheduling.createFeedToken': 'ASOC',
  'scheduling.revokeFeedToken': 'ASOC',
  'events.register': '*',
  'events.cancelRegistration': '*',
  'events.recoverLink': '*',
  'events.createEvent': 'ASC',
  'events.updateEvent': 'ASC',
  'events.publishEvent': 'ASC',
  'events.cancelEvent': 'ASC',
  'events.moveRegistration': 'ASC',
  'cases.saveContact': 'ASO',
  'cases.saveDraft': 'ASO',
  'cases.discardDraft': 'ASO',
  'cases.changeStatus': 'ASO',
  'cases.addNote': 'ASO',
  'cases.assign': 'ASO',
  'cases.unassign': 'ASO',
  'cases.createFollowUp': 'ASO',
  'cases.createReferral': 'ASO',
  'cases.recordReferralOutcome': 'ASO',
  'cases.createOficio': 'ASO',
  'cases.oficioEvent': 'ASO',
  'cases.completeFollowUp': 'ASO',
  'cases.saveDailyLog': 'ASO',
  'cases.signOffDailyLog': 'AS',
  'cases.setRetention': 'A',
  'cases.runRetention': 'A',
  'cases.saveCategory': 'A',
  'directory.saveOrganization': 'ASO',
  'directory.saveService': 'ASO',
  'directory.addItem': 'ASO',
  'directory.updateItem': 'ASO',
  'directory.retireItem': 'ASO',
  'directory.verifyService': 'ASO',
  'floor.setState': 'ASO',
  'floor.raiseHelp': 'ASO',
  'floor.answerHelp': 'ASO',
  'floor.closeHelp': 'ASO',
  'floor.annotate': 'ASO',
  'floor.setSound': 'ASO',
  'floor.setRetention': 'A',
  'arco.submit': '*',
  'arco.changeStatus': 'A',
  'arco.setReceivedOn': 'A',
  'arco.buildReport': 'A',
  'arco.reviewReport': 'A',
  'arco.reviewCases': 'A',
  'arco.releaseReport': 'A',
  'arco.rectify': 'A',
  'arco.cancelData': 'A',
  'arco.flagOpposition': 'A',
};

/** Files under src/pages/app → Astro route patterns ("casos/[folio].astro" → "/app/casos/[folio]"). */
function staffRoutes(): string[] {
  const base = path.join(ROOT, 'src/pages');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(astro|ts|js|md|mdx|html)$/.test(name)) {
        const route = `/${path.relative(base, full)}`
          .split(path.sep)
          .join('/')
          .replace(/\.(astro|ts|js|md|mdx|html)$/, '')
          .replace(/\/index$/, '');
        out.push(route);
      }
    }
  };
  walk(path.join(base, 'app'));
  return out.sort();
}

/**
 * Every action (`server` in src/actions/index.ts → each file's exported object) and the permission
 * its declaration names: the one policy permission (or PUBLIC) written in its initializer, read
 * from the source so this test needs neither Astro nor a database.
 */
function declaredActions(): Map<string, string | null> {
  const read = (file: string) =>
    ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const index = read(path.join(ROOT, 'src/actions/index.ts'));
  const fileOf = new Map<string, string>();
  const groups: string[] = [];
  index.forEachChild((node) => {
    if (ts.isImportDeclaration(node) && node.importClause?.namedBindings) {
      const bindings = node.importClause.namedBindings;
      if (ts.isNamedImports(bindings))
        for (const el of bindings.elements)
          fileOf.set(el.name.text, (node.moduleSpecifier as ts.StringLiteral).text);
    }
    if (ts.isVariableStatement(node))
      for (const decl of node.declarationList.declarations)
        if (
          decl.name.getText() === 'server' &&
          decl.initializer &&
          ts.isObjectLiteralExpression(decl.initializer)
        )
          for (const prop of decl.initializer.properties) groups.push(prop.name!.getText());
  });
  const permissionNames = new Set<string>(Object.keys(PERMISSIONS));
  const out = new Map<string, string | null>();
  for (const group of groups) {
    const source = read(path.join(ROOT, 'src/actions', `${fileOf.get(group)}.ts`));
    source.forEachChild((node) => {
      if (!ts.isVariableStatement(node)) return;
      for (const decl of node.declarationList.declarations) {
        if (decl.name.getText() !== group || !decl.initializer) continue;
        if (!ts.isObjectLiteralExpression(decl.initializer)) continue;
        for (const prop of decl.initializer.properties) {
          const found = new Set<string>();
          const visit = (n: ts.Node) => {
            if (ts.isStringLiteral(n) && permissionNames.has(n.text)) found.add(n.text);
            if (ts.isIdentifier(n) && n.text === 'PUBLIC') found.add(PUBLIC);
            n.forEachChild(visit);
          };
          visit(prop);
          out.set(`${group}.${prop.name!.getText()}`, found.size === 1 ? [...found][0]! : null);
        }
      }
    });
  }
  return out;
}

/** What the action pipeline answers a caller before reading anything (the same check for all actions). */
function pipelineAllows(permission: string, who: Role | null): boolean | 'UNAUTHORIZED' | 'FORBIDDEN' {
  try {
    checkCaller(
      permission as Permission | typeof PUBLIC,
      who ? { id: 7, email: 'x', name: 'x', role: who } : null,
    );
    return true;
  } catch (error) {
    if (error instanceof ActionRefusal && (error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN'))
      return error.code;
    throw error;
  }
}

describe('policy matrix', () => {
  const routes = staffRoutes();
  const actions = declaredActions();

  it('has one policy entry and one expected row for every staff page, and none for pages that do not exist', () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(Object.keys(ROUTES).sort()).toEqual(routes);
    expect(Object.keys(EXPECTED_ROUTES).sort()).toEqual(routes);
  });

  it('declares exactly one permission for every action, and has its expected row', () => {
    expect(actions.size).toBeGreaterThan(50);
    const undeclared = [...actions].filter(([, permission]) => permission === null).map(([name]) => name);
    expect(undeclared, 'actions without exactly one policy permission').toEqual([]);
    expect([...actions.keys()].sort()).toEqual(Object.keys(EXPECTED_ACTIONS).sort());
  });

  it('answers every route × caller cell as expected', () => {
    const wrong: string[] = [];
    let cells = 0;
    for (const route of routes) {
      // A concrete URL of the pattern must be matched back to it (static routes before [params]).
      const url = route.replace(/\[[^\]]+\]/g, '12');
      if (matchRoute(url) !== route) wrong.push(`${url} matched ${matchRoute(url)}, not ${route}`);
      for (const who of WHO) {
        cells++;
        const expected = allowedBy(EXPECTED_ROUTES[route]!, who);
        if (mayOpen(userOf(who), url) !== expected)
          wrong.push(`${route} for ${label(who)}: expected ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(cells).toBe(routes.length * WHO.length);
  });

  it('answers every action × caller cell as expected, with the reason for each refusal', () => {
    const wrong: string[] = [];
    for (const [name, permission] of actions) {
      for (const who of WHO) {
        const expected = allowedBy(EXPECTED_ACTIONS[name]!, who);
        const answer = pipelineAllows(permission!, who);
        const reason = expected ? true : who === null ? 'UNAUTHORIZED' : 'FORBIDDEN';
        if (answer !== reason) wrong.push(`${name} for ${label(who)}: expected ${reason}, got ${answer}`);
        if (permission !== PUBLIC && can(userOf(who), permission as Permission) !== expected) {
          // Record-dependent rules may say no without a record; the role ceiling must still agree.
          const ceiling =
            who !== null &&
            rolesWith(permission as Permission).includes(who) &&
            hasGrantFor(userOf(who)!, permission as Permission);
          if (ceiling !== expected) wrong.push(`${name} for ${label(who)}: policy ceiling ${ceiling}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lets every role that may use a page’s actions open that page', () => {
    // Ties routes to their actions: a form no role that can submit it could ever see is a drift.
    const wrong: string[] = [];
    for (const route of routes) {
      const file = [`${route}.astro`, `${route}/index.astro`]
        .map((f) => path.join(ROOT, 'src/pages', f))
        .find((f) => {
          try {
            return statSync(f).isFile();
          } catch {
            return false;
          }
        });
      if (!file) continue;
      const used = new Set(
        [...readFileSync(file, 'utf8').matchAll(/actions\.(\w+)\.(\w+)/g)].map((m) => `${m[1]}.${m[2]}`),
      );
      const pageRoles = rolesWith(ROUTES[route as keyof typeof ROUTES]);
      for (const action of used) {
        const permission = actions.get(action);
        if (permission === undefined) wrong.push(`${route} uses unknown action ${action}`);
        else if (permission !== PUBLIC && permission !== null)
          for (const role of rolesWith(permission as Permission))
            if (!pageRoles.includes(role))
              wrong.push(`${route}: ${role} may ${action} but not open the page`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('shows in the navigation exactly the entries each role may open', () => {
    for (const role of ROLES) {
      const shown = navFor(role).map((i) => i.href);
      const openable = APP_NAV.filter((i) => mayOpen({ id: 1, role }, i.href)).map((i) => i.href);
      expect(shown).toEqual(openable);
      for (const href of shown) expect(matchRoute(href), href).not.toBeNull();
    }
    expect(navFor('comms').map((i) => i.href)).not.toContain('/app/casos');
    expect(navFor('operator').map((i) => i.href)).not.toContain('/app/reportes');
  });
});

describe('record-level rules the policy answers from attributes', () => {
  const u = (role: Role, id = 5) => ({ id, role });

  it('lets comms approve content only when listed as an approver', () => {
    expect(can(u('comms'), 'content.approve')).toBe(false);
    expect(can(u('comms'), 'content.approve', { listedApprover: false })).toBe(false);
    expect(can(u('comms'), 'content.approve', { listedApprover: true })).toBe(true);
    expect(can(u('supervisor'), 'content.approve')).toBe(true);
    expect(can(u('operator'), 'content.approve', { listedApprover: true })).toBe(false);
  });

  it('lets an operator edit only their own live activity; planners any live one', () => {
    expect(can(u('operator'), 'agenda.edit', { mine: true, live: true })).toBe(true);
    expect(can(u('operator'), 'agenda.edit', { mine: false, live: true })).toBe(false);
    expect(can(u('operator'), 'agenda.edit', { mine: true, live: false })).toBe(false);
    expect(can(u('supervisor'), 'agenda.edit', { mine: false, live: true })).toBe(true);
    expect(can(u('admin'), 'agenda.edit', { mine: false, live: false })).toBe(false);
    expect(can(u('comms'), 'agenda.edit', { mine: true, live: true })).toBe(false);
  });

  it('lets the case owner or an overseer assign people', () => {
    expect(can(u('operator', 5), 'cases.assign', { ownerId: 5 })).toBe(true);
    expect(can(u('operator', 5), 'cases.assign', { ownerId: 6 })).toBe(false);
    expect(can(u('operator', 5), 'cases.assign', { ownerId: null })).toBe(false);
    expect(can(u('supervisor', 5), 'cases.assign', { ownerId: 6 })).toBe(true);
  });

  it('keeps the line reports to supervisors and admins', () => {
    expect(can(u('comms'), 'reports.read', { area: 'outreach' })).toBe(true);
    expect(can(u('comms'), 'reports.read', { area: 'line' })).toBe(false);
    expect(can(u('supervisor'), 'reports.read', { area: 'line' })).toBe(true);
    expect(can(u('operator'), 'reports.read', { area: 'outreach' })).toBe(false);
  });

  it('keeps the floor from comms and its durations and history to supervisors and admins', () => {
    expect(can(u('comms'), 'floor.board')).toBe(false);
    expect(can(u('comms'), 'floor.state')).toBe(false);
    expect(can(u('operator'), 'floor.board')).toBe(true);
    expect(can(u('operator'), 'floor.full')).toBe(false);
    expect(can(u('supervisor'), 'floor.full')).toBe(true);
    expect(can(u('admin'), 'floor.full')).toBe(true);
  });

  it('lets people remove only their own absences unless they plan', () => {
    expect(can(u('operator', 5), 'agenda.timeOff.delete', { operatorId: 5 })).toBe(true);
    expect(can(u('operator', 5), 'agenda.timeOff.delete', { operatorId: 9 })).toBe(false);
    expect(can(u('supervisor', 5), 'agenda.timeOff.delete', { operatorId: 9 })).toBe(true);
  });

  it("gives an operator only their own facilitator constancia; planners anyone's; never comms", () => {
    expect(can(u('operator'), 'agenda.certificate', { mine: true })).toBe(true);
    expect(can(u('operator'), 'agenda.certificate', { mine: false })).toBe(false);
    expect(can(u('operator'), 'agenda.certificate')).toBe(false);
    expect(can(u('supervisor'), 'agenda.certificate', { mine: false })).toBe(true);
    expect(can(u('admin'), 'agenda.certificate', { mine: false })).toBe(true);
    expect(can(u('comms'), 'agenda.certificate', { mine: true })).toBe(false);
  });

  it('lets a supervisor work the ARCO queue only with the privacy grant; admins always', () => {
    const granted = { id: 5, role: 'supervisor' as const, grants: ['privacy'] };
    expect(can(u('supervisor'), 'privacy.manage')).toBe(false);
    expect(can(granted, 'privacy.manage')).toBe(true);
    expect(can(u('admin'), 'privacy.manage')).toBe(true);
    expect(can({ id: 5, role: 'operator' as const, grants: ['privacy'] }, 'privacy.manage')).toBe(false);
    expect(mayOpen(u('supervisor'), '/app/privacidad')).toBe(false);
    expect(mayOpen(granted, '/app/privacidad')).toBe(true);
    expect(mayOpen(granted, '/app/privacidad/ARCO-2026-0001/carta')).toBe(true);
    expect(() => checkCaller('privacy.manage', { id: 5, email: 'x', name: 'x', role: 'supervisor' })).toThrow(
      ActionRefusal,
    );
    expect(() =>
      checkCaller('privacy.manage', {
        id: 5,
        email: 'x',
        name: 'x',
        role: 'supervisor',
        grants: ['privacy'],
      }),
    ).not.toThrow();
    expect(navFor('supervisor').map((i) => i.href)).not.toContain('/app/privacidad');
    expect(navFor('supervisor', ['privacy']).map((i) => i.href)).toContain('/app/privacidad');
  });

  it('never lets an anonymous caller do anything the policy names', () => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[])
      expect(can(null, permission), permission).toBe(false);
  });
});

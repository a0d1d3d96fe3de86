// Every sentence the gestor reads, in es-MX, es-PE and English. Peru and Mexico
// share most wording; a Peruvian entry only where usage differs.
import type { Field } from './forms';
import type { Problem } from './parse';
import { PLACEHOLDERS } from './messages';
import type { Breach, Currency, DebtorRow, DeviceError, Factor, Flag, Lang, Notice, Product, Rejection, Template, TemplateProblem } from './types';

const es = {
  appName: 'Campo',
  'nav.agenda': 'Agenda', 'nav.portfolio': 'Cartera', 'nav.sync': 'Sincronizar', 'nav.settings': 'Ajustes',
  'first.title': 'Bienvenido a Campo', 'first.intro': 'Inicia sesión para descargar tu cartera. Después podrás trabajar sin señal.',
  'first.server': 'Dirección del servidor', 'first.login': 'Usuario', 'first.password': 'Contraseña',
  'first.device': 'Nombre de este dispositivo', 'first.submit': 'Iniciar sesión',
  'first.downloading': 'Descargando tu cartera…', 'first.progress': '{records} registros · {kb} KB',
  'kind.plan': 'Plan de pagos',
  'console.title': 'Campo · Consola', 'console.intro': 'Consola de supervisión, coordinación y administración.',
  'console.signIn': 'Iniciar sesión', 'console.signOut': 'Cerrar sesión', 'console.signedInAs': '{name} · {role}',
  'console.gestorRefused': 'La consola es para supervisores, coordinadores y administradores. Como gestor, trabaja tu cartera en la app Campo.',
  'console.sessionEnded': 'Tu sesión terminó (30 minutos sin uso o se cerró). Inicia sesión de nuevo.',
  'console.unreachable': 'No hay conexión con el servidor. Revisa tu red y vuelve a intentarlo.',
  'console.stale': 'Alguien más cambió este plan mientras lo revisabas. Se volvió a cargar: revísalo de nuevo.',
  'console.forbidden': 'Tu rol no permite esta operación, o la solicitud no vino de la consola. Vuelve a abrir la consola desde su dirección.',
  'console.notFound': 'Ya no está a tu cargo o ya no existe (la cuenta pudo pasar a otro equipo). Se volvió a cargar la lista.',
  'queue.movedTo': 'La cuenta ahora la tiene {gestor}: tu decisión le llegará a su dispositivo.',
  'role.supervisor': 'Supervisor', 'role.coordinator': 'Coordinador', 'role.admin': 'Administrador', 'role.gestor': 'Gestor',
  'nav.plans': 'Planes por aprobar', 'nav.log': 'Registro', 'log.title': 'Registro de actividad',
  'log.kind': 'Tipo', 'log.all': 'Todos', 'log.from': 'Desde', 'log.to': 'Hasta', 'log.review': 'Revisión',
  'log.unreviewed': 'Sin revisar', 'log.reviewed': 'Revisado', 'log.flaggedOnly': 'Solo fuera de las reglas (justificados)',
  'log.afterOnly': 'Solo registrados tras una reasignación', 'log.apply': 'Aplicar filtros', 'log.region': 'Región', 'log.allRegions': 'Todas', 'log.export': 'Exportar CSV', 'log.more': 'Ver más',
  'log.empty': 'Nada que mostrar con estos filtros.', 'log.shown': '{n} registros.', 'log.shown_one': '1 registro.',
  'log.shownMore': 'Los {n} más recientes; hay más.',
  'log.when': 'Cuándo (dispositivo)', 'log.received': 'Recibido (servidor)', 'log.gestor': 'Gestor', 'log.debtor': 'Deudor', 'log.byServer': 'El servidor (recordatorio automático)',
  'log.outcome': 'Resultado', 'log.flags': 'Marcas',
  'log.reviewAction': 'Revisar', 'log.verdict': 'Dictamen', 'log.reviewSave': 'Guardar revisión',
  'log.commentOptional': 'Comentario para el gestor (opcional)', 'log.commentWhy': 'Por qué: el gestor lo leerá en su dispositivo',
  'log.commentNeeded': 'Escribe por qué la marcas: el gestor leerá el comentario en su dispositivo.',
  'log.reviewSaved': 'Revisión guardada. {gestor} la verá en su app con su próxima sincronización.',
  'detail.open': 'Ver detalle', 'detail.close': 'Cerrar detalle', 'detail.loading': 'Cargando…',
  'detail.skewUnknown': 'el dispositivo no dijo su hora', 'detail.skewNone': 'relojes de acuerdo',
  'detail.skewBehind': 'reloj del dispositivo {minutes} min atrasado', 'detail.skewAhead': 'reloj del dispositivo {minutes} min adelantado',
  'detail.reached': 'Con quién se habló', 'detail.nobody': 'Nadie', 'detail.identified': 'Se identificó',
  'detail.yes': 'Sí', 'detail.no': 'No', 'detail.rules': 'Reglas de contacto',
  'detail.notJudged': 'Registrado antes de las reglas: sin evaluar.', 'detail.withinRules': 'Dentro de todas las reglas (política v{version}).',
  'detail.outsideRules': 'Fuera de una regla, con justificación (política v{version}):',
  'detail.noFlags': 'Nada que señalar.', 'detail.where': 'Dónde',
  'detail.scale': 'del centro al borde: {distance}', 'detail.plotCaption': 'Posición de la visita (círculo, con su precisión) y domicilios de la cuenta (cuadros)',
  'detail.position': 'Posición del GPS', 'detail.positionTyped': 'Posición escrita a mano', 'detail.noPoint': 'sin coordenadas',
  'detail.distance': 'Distancia al domicilio más cercano', 'detail.noPosition': 'La visita no tiene posición.',
  'flag.far_from_address': 'Lejos del domicilio: la posición quedó a {distance} de la dirección más cercana; la política señala más de {threshold}.',
  'flag.outside_contact_window': 'Fuera del horario legal: {rule}',
  'flag.justified_exception': 'Excepción a una regla: {rule}',
  'flag.reason': 'Motivo del gestor: «{reason}».', 'flag.noReason': 'El gestor no dio motivo.',
  'flag.clock_behind': 'El reloj del dispositivo iba {minutes} min atrasado respecto al servidor: las horas registradas pueden estar corridas otro tanto.',
  'flag.clock_ahead': 'El reloj del dispositivo iba {minutes} min adelantado respecto al servidor: las horas registradas pueden estar corridas otro tanto.',
  'flag.typed_position': 'Posición escrita a mano: no la tomó el GPS del teléfono.',
  'flag.many_contacts': 'Contacto n.º {attempts} con este deudor en {days} días, contando a todos los gestores.',
  'flag.broken_soon': 'Promesa incumplida cuyo primer pago vencía a {days} días de hacerse.',
  'flag.after_reassignment': 'Registrado después de que la cuenta se reasignó a otro gestor.',
  'queue.empty': 'No hay planes esperando tu decisión.', 'queue.count': '{n} planes esperando tu decisión.',
  'queue.count_one': '1 plan esperando tu decisión.',
  'queue.by': 'Propuesto por {gestor} el {date}', 'queue.terms': '{total} en {n} pagos ({frequency}); descuento de {discount} ({percent} % del saldo de {balance}).',
  'queue.approve': 'Aprobar', 'queue.reject': 'Rechazar', 'queue.counter': 'Contraofertar',
  'queue.comment': 'Comentario para el gestor (opcional)', 'queue.send': 'Enviar contraoferta', 'queue.back': 'Volver',
  'queue.approved': 'Plan de {debtor} aprobado. Llegará al dispositivo de {gestor} con su próxima sincronización.',
  'queue.rejected': 'Plan de {debtor} rechazado y cancelado. {gestor} lo verá con su próxima sincronización.',
  'queue.countered': 'Contraoferta enviada a {gestor} para {debtor}: entra en vigor cuando el deudor la acepte.',
  'nav.conflicts': 'Conflictos', 'nav.after': 'Tras reasignación',
  'nav.imports': 'Importar', 'imports.title': 'Importar archivos del acreedor', 'imports.kind': 'Archivo',
  'imports.debtors': 'Cartera (cuentas)', 'imports.payments': 'Pagos', 'imports.file': 'Archivo CSV',
  'imports.check': 'Revisar el archivo', 'imports.run': 'Importar', 'imports.sending': 'Enviando el archivo…',
  'imports.checked': 'Archivo sin errores: crearía {created}, cambiaría {updated} y dejaría igual {unchanged}. Nada se guardó todavía.',
  'imports.done': 'Importado: {created} nuevos, {updated} cambiados, {unchanged} iguales.',
  'imports.refused': 'No se importó nada. Corrige el archivo y vuelve a revisarlo:', 'imports.more': 'y {n} problemas más.',
  'imports.help': 'Primero se revisa cada línea sin guardar nada; solo un archivo sin errores se puede importar, y entero.',
  'import.line': 'Línea {line}', 'import.lineColumn': 'Línea {line}, columna {column}',
  'import.missing': 'Faltan las columnas: {columns}.', 'import.unknown': 'No se reconocen: {columns}.',
  'import.not_a_number': '«{value}» no es un número: escribe cifras con punto decimal, sin separador de miles (1500.50).',
  'import.not_a_date': '«{value}» no es una fecha: escríbela como año-mes-día (2026-12-01).',
  'import.not_on_the_list': '«{value}» no es uno de: {allowed}.', 'import.empty': 'está vacía.',
  'import.unreadable': 'no se puede leer ({detail}).', 'import.half_position': 'van la latitud y la longitud, o ninguna.',
  'import.phones_without_name': 'hay teléfonos pero falta el nombre.', 'import.unknown_user': 'no existe el usuario {login}.',
  'import.not_a_gestor': '{login} no es gestor.', 'import.unknown_account': 'no hay ninguna cuenta con la referencia {reference}: importa primero la cartera.',
  'import.repeated_in_file': 'la referencia {reference} ya viene en la línea {first_line}.',
  'import.not_your_territory': 'el territorio {territory} no es de los que coordinas.',
  'import.gestor_elsewhere': '{login} trabaja en otro país o en un territorio que no coordinas.',
  'import.reference_taken': 'la referencia {reference} ya es de una cuenta de otro territorio.', 'import.in_the_future': 'la fecha {date} todavía no llega.',
  'nav.day': 'Día del gestor', 'day.title': 'El día de un gestor', 'day.day': 'Día', 'day.show': 'Ver el día',
  'day.none': 'Ninguna visita ese día.', 'day.count': '{n} visitas el {day}.', 'day.count_one': '1 visita el {day}.',
  'day.caption': 'Visitas numeradas en el orden en que se hicieron (círculos), la ruta entre ellas (línea) y los domicilios de las cuentas visitadas (cuadros).',
  'day.span': 'de lado a lado: {distance}', 'day.time': 'Hora',
  'users.regionsAndTeams': 'Regiones y equipos', 'users.regionName': 'Nombre de la región', 'users.currency': 'Moneda (país)',
  'users.createRegion': 'Crear región', 'users.teamName': 'Nombre del equipo', 'users.createTeam': 'Crear equipo',
  'users.regionCreated': 'Región «{name}» creada.', 'users.teamCreated': 'Equipo «{name}» creado: ya se le pueden asignar gestores.',
  'users.teamIncomplete': 'Escribe el nombre del equipo y elige su región.',
  'nav.users': 'Usuarios', 'users.title': 'Usuarios y dispositivos', 'users.name': 'Nombre', 'users.role': 'Rol', 'users.team': 'Equipo',
  'users.devices': 'Dispositivos', 'users.inactive': 'desactivado', 'users.revoked': 'revocado', 'users.revoke': 'Revocar',
  'users.regions': 'Regiones', 'users.regionsSet': '{name} coordina ahora: {regions}.', 'users.noRegions': '{name} ya no coordina ninguna región: no podrá mover cuentas.',
  'users.newPassword': 'Contraseña nueva', 'users.save': 'Guardar', 'users.resetAction': 'Nueva contraseña', 'users.deactivate': 'Desactivar',
  'users.new': 'Nuevo usuario', 'users.firstPassword': 'Contraseña inicial', 'users.create': 'Crear usuario',
  'users.badLogin': 'Usuario: solo letras sin acento, números, punto, guion y guion bajo.', 'users.noName': 'Escribe el nombre completo.',
  'users.noTeam': 'Los gestores y supervisores trabajan en un equipo: elige uno.', 'users.shortPassword': 'La contraseña debe tener al menos {n} caracteres.',
  'users.created': '{name} ya puede iniciar sesión como «{login}» con la contraseña inicial.',
  'users.reset': 'Contraseña nueva para {name}: sus sesiones se cerraron; entrará con la nueva.',
  'users.deactivated': '{name} ya no puede iniciar sesión. Todo lo que registró se conserva.',
  'users.deviceRevoked': '{device} de {name} quedó revocado: deberá iniciar sesión otra vez y enviará entonces lo que tenga sin enviar.',
  'nav.audit': 'Auditoría', 'audit.title': 'Auditoría: quién hizo qué', 'audit.action': 'Acción', 'audit.login': 'Usuario',
  'audit.when': 'Cuándo', 'audit.target': 'Sobre qué', 'audit.detail': 'Detalle', 'audit.operator': 'operador (línea de comandos)',
  'audit.sign_in': 'Inició sesión', 'audit.sign_out': 'Cerró sesión', 'audit.assign': 'Reasignó una cuenta', 'audit.reassign_bulk': 'Reasignó cuentas en bloque',
  'audit.reassign_undo': 'Deshizo una reasignación', 'audit.review': 'Revisó una visita o llamada', 'audit.plan_decision': 'Decidió un plan de pagos',
  'audit.edit': 'Editó una cuenta', 'audit.delete': 'Eliminó un registro', 'audit.import': 'Importó cartera', 'audit.import_payments': 'Importó pagos',
  'audit.conflict_settle': 'Resolvió un conflicto', 'audit.policy': 'Cambió la política de contacto', 'audit.revoke_sessions': 'Cerró las sesiones de un usuario',
  'nav.escalations': 'Promesas incumplidas',
  'esc.intro': 'Cuentas cuyas promesas o pagos se incumplieron tantas veces como la política deja pasar. Habla con el gestor: un plan que el deudor pueda cumplir recupera más que la presión.',
  'esc.empty': 'Ninguna cuenta llegó al límite de incumplimientos.', 'esc.count': '{n} cuentas llegaron al límite de incumplimientos.',
  'esc.count_one': '1 cuenta llegó al límite de incumplimientos.', 'esc.ref': 'Referencia', 'esc.misses': 'Incumplimientos', 'esc.last': 'El último vencía',
  'nav.policy': 'Política de contacto', 'policy.title': 'Política de contacto', 'policy.country': 'País',
  'policy.MX': 'México (CONDUSEF)', 'policy.PE': 'Perú (Ley 29571, art. 62)',
  'policy.inForce': 'En vigor: versión {version}. Al guardar, la siguiente versión llega a cada dispositivo con su próxima sincronización.',
  'policy.hours': 'Horario y días', 'policy.from': 'Desde (hora local del deudor)', 'policy.until': 'Hasta (00:00: fin del día)',
  'policy.weekends': 'Se puede contactar en fin de semana', 'policy.holidays': 'Se puede contactar en días festivos',
  'policy.justify': 'Una justificación escrita permite registrar un contacto fuera de horario (queda marcado)',
  'policy.limits': 'Límites y umbrales', 'policy.perDay': 'Intentos por día con un deudor', 'policy.perWeek': 'Intentos por semana',
  'policy.visitsPerWeek': 'Visitas por semana', 'policy.graceDays': 'Días de gracia tras el vencimiento',
  'policy.reminderDays': 'Días antes del pago para recordar (0: sin recordatorios)', 'policy.escalateAfter': 'Incumplimientos antes de avisar al supervisor',
  'policy.farMeters': 'Metros del domicilio para marcar una visita lejana', 'policy.manyContacts': 'Contactos por semana que se marcan como muchos',
  'policy.discount': 'Descuento máximo del gestor (% del saldo)',
  'policy.identity': 'Cómo se identifica el gestor', 'policy.agency': 'Nombre de la agencia', 'policy.agencyPhone': 'Teléfono de la agencia',
  'policy.preview': 'Ver qué habría rechazado ayer', 'policy.save': 'Guardar y poner en vigor',
  'policy.impactTitle': 'Con este cambio, el {day}', 'policy.impact': 'De {judged} visitas y llamadas, la política en vigor rechazó {now}; la nueva habría rechazado {proposed} y dejado pasar {flagged} con justificación.',
  'policy.why': 'Por qué la rechazaría', 'policy.nothingNew': 'Ningún contacto de ayer que se aceptó habría sido rechazado.',
  'policy.saved': 'Versión {version} en vigor. Los dispositivos la recibirán con su próxima sincronización.',
  'policy.stale': 'Otro administrador cambió esta política mientras la editabas. Se volvió a cargar: revisa y vuelve a guardar.',
  'policy.problem.time': '{field}: escribe una hora como 08:00.', 'policy.problem.whole': '{field}: escribe un número entero, sin decimales.',
  'policy.problem.percent': '{field}: escribe un porcentaje como 10 o 12.5.', 'policy.problem.required': '{field}: falta este dato.',
  'tpl.title': 'Plantillas de mensajes',
  'tpl.intro': 'Los únicos textos que un gestor envía por SMS, WhatsApp o correo, y los de los recordatorios automáticos. Todo mensaje dice quién lo envía ({gestor} de {agencia}), de parte de quién ({acreedor}) y a dónde responder ({telefono}), y pide en vez de amenazar. Un mensaje escrito con la versión anterior sigue valiendo.',
  'tpl.name': 'Nombre (como lo elige el gestor)', 'tpl.code': 'Código', 'tpl.remove': 'Quitar', 'tpl.text': 'Texto (en español, como lo recibe el deudor)',
  'tpl.insert': 'Insertar un dato', 'tpl.add': 'Añadir plantilla', 'tpl.sample': 'Así lo leería el deudor:',
  'tpl.collects': 'Cobra (nombra {monto} o {fecha}): se ofrece solo cuando hay una promesa por recordar, y nunca en una cuenta en aclaración.',
  'tpl.followsUp': 'No cobra: puede enviarse también a una cuenta en aclaración.',
  'tpl.reminderUse': 'Los recordatorios automáticos usan esta plantilla, así que no se puede quitar.',
  'tpl.noAgency': 'Escribe arriba el nombre y el teléfono de la agencia: cada mensaje los dice, y sin ellos quedan en blanco.',
  'tpl.full': 'Una política lleva hasta {max} plantillas; quita una para añadir otra.',
  'tpl.ph.nombre': 'Nombre del deudor', 'tpl.ph.gestor': 'Nombre del gestor', 'tpl.ph.agencia': 'Nombre de la agencia',
  'tpl.ph.acreedor': 'El acreedor de la cuenta', 'tpl.ph.contrato': 'Referencia de la cuenta', 'tpl.ph.telefono': 'Teléfono de la agencia',
  'tpl.ph.monto': 'Monto de la promesa', 'tpl.ph.fecha': 'Fecha de la promesa',
  'domain.bad_template': 'Plantilla «{template}»: {problem}', 'tpl.fault': 'Esta plantilla: {problem}',
  'tpl.problem.code': 'el código lleva de 1 a 40 minúsculas sin acentos, cifras o guion bajo (por ejemplo aviso_pago).',
  'tpl.problem.repeated': 'otra plantilla ya tiene ese código; elige otro.',
  'tpl.problem.no_name': 'falta el nombre con que el gestor la elige.', 'tpl.problem.no_text': 'falta el texto.',
  'tpl.problem.too_long': 'el nombre o el texto pasa de {max} caracteres; acórtalo.',
  'tpl.problem.character': 'contiene un carácter no permitido ({character}); bórralo y escribe el texto de nuevo.',
  'tpl.problem.braces': 'cada «{» cierra con «}», y entre dos datos va texto.',
  'tpl.problem.unknown': '{placeholder} no es un dato que Campo llene; usa los de la lista.',
  'tpl.problem.missing': 'le falta {placeholder}: todo mensaje dice quién lo envía, de parte de quién y a dónde responder.',
  'tpl.problem.missing_due': 'le falta {placeholder}: un recordatorio de pago dice cuánto y para cuándo.',
  'tpl.problem.not_collecting': 'nombra {monto} o {fecha}, que solo lleva una plantilla de cobro.',
  'tpl.problem.pressure': '«{words}» suena a autoridad o a amenaza: la cobranza no amenaza ni se presenta como juzgado o policía. Escríbelo de otro modo.',
  'tpl.problem.reminder': 'los recordatorios automáticos usan esta plantilla: debe quedarse en la lista y nombrar {monto} y {fecha}.',
  'tpl.problem.no_code': 'falta el código con que los mensajes la nombran: escribe uno como aviso_pago, en minúsculas y sin acentos.',
  'policy.unchanged': 'No hay cambios que guardar: la versión {version} sigue en vigor.',
  'nav.workload': 'Territorios', 'work.title': 'Territorios y carga de trabajo',
  'work.chart': 'Cuentas por gestor', 'work.spread': 'Entre gestores: de {min} a {max} cuentas (promedio {mean}).',
  'work.accounts': 'Cuentas', 'work.balance': 'Saldo', 'work.overdue': 'Vencido',
  'work.move': 'Reasignar cuentas', 'work.from': 'De', 'work.anyGestor': 'Cualquier gestor', 'work.segment': 'Segmento',
  'work.segmentHint': 'p. ej. alto saldo', 'work.to': 'A', 'work.choose': 'Elige un gestor', 'users.chooseTeam': 'Elige un equipo', 'users.chooseRegion': 'Elige una región',
  'work.noRegions': 'No tienes regiones a tu cargo todavía: un administrador asigna las regiones de cada coordinador en Usuarios. Cuando te asigne una, aquí verás sus gestores y su carga.', 'work.chooseTo': 'Elige a qué gestor pasan las cuentas.',
  'work.preview': 'Ver qué cambiaría',
  'work.summary': '{n} cuentas pasarían a {gestor}.', 'work.summary_one': '1 cuenta pasaría a {gestor}.',
  'work.moving': 'Saldo que se mueve: {balance}; vencido: {overdue}.',
  'work.already': '{n} de las seleccionadas ya son suyas y se quedan.', 'work.already_one': '1 de las seleccionadas ya es suya y se queda.',
  'work.unsent': 'Lo que un gestor registró y aún no envía se conserva: llega con su próxima sincronización, marcado como registrado tras la reasignación.',
  'work.now': 'Ahora', 'work.after': 'Después', 'work.apply': 'Reasignar {n} cuentas', 'work.apply_one': 'Reasignar 1 cuenta',
  'work.applied': '{n} cuentas pasaron a {gestor}. Los dispositivos lo verán con su próxima sincronización.',
  'work.applied_one': '1 cuenta pasó a {gestor}. Los dispositivos lo verán con su próxima sincronización.',
  'work.undo': 'Deshacer esta reasignación ({n})', 'work.undone': 'Reasignación deshecha: {n} cuentas volvieron a su gestor.',
  'work.undone_one': 'Reasignación deshecha: 1 cuenta volvió a su gestor.',
  'work.stale': 'Las cuentas cambiaron desde la vista previa. Se volvió a calcular: revísala antes de aplicar.',
  'work.recent': 'Reasignaciones recientes', 'work.when': 'Cuándo', 'work.by': 'Quién', 'work.undoShort': 'Deshacer', 'work.undoneAt': 'Deshecha el {at}',
  'work.list': 'Ver las cuentas', 'work.account': 'Cuenta', 'work.name': 'Nombre',
  'work.pickHint': 'Marca las que quieras mover; si no marcas ninguna, se mueven todas las del filtro.',
  'work.firstOnly': 'Se muestran las primeras {shown} de {total}, por número de cuenta: afina los filtros para ver las demás.',
  'work.listedAll': '{total} cuentas, por número de cuenta.', 'work.listedAll_one': '1 cuenta.',
  'work.noneListed': 'Ninguna cuenta coincide con estos filtros.',
  'work.picked': '{n} cuentas marcadas: solo esas se moverán.', 'work.picked_one': '1 cuenta marcada: solo esa se moverá.',
  'work.pickAll': 'Marcar todas las que se muestran', 'work.pick': 'Mover {account}',
  'refusal.cross_site': 'La solicitud no vino de la consola: vuelve a abrirla desde su dirección.',
  'refusal.gestor_inactive': '{name} está desactivado: elige a un gestor en activo.',
  'refusal.gestor_without_team': 'Ese gestor no tiene equipo ni región: pide a un administrador que lo asigne a un equipo.',
  'refusal.territory_without_currency': 'La región del gestor no tiene moneda definida: pide a un administrador que la fije.',
  'refusal.other_country': 'Las cuentas son en {account} y el equipo del gestor trabaja en {team}: no se pueden mover entre países. Elige un gestor del mismo país.',
  'refusal.outside_your_territories': 'Solo puedes mover cuentas entre gestores de las regiones que coordinas.',
  'refusal.already_undone': 'Esta reasignación ya se deshizo.',
  'refusal.changed_since': '{n} de las {total} cuentas cambiaron desde la reasignación (trabajo nuevo o se movieron otra vez), así que no se puede deshacer entera. Reasígnalas de nuevo si hace falta.',
  'refusal.changed_since_one': '1 de las {total} cuentas cambió desde la reasignación (trabajo nuevo o se movió otra vez), así que no se puede deshacer entera. Reasígnala de nuevo si hace falta.',
  'refusal.deactivate_yourself': 'No puedes desactivarte a ti mismo: pide a otro administrador.',
  'nav.kpis': 'Indicadores', 'kpi.title': 'Indicadores del equipo',
  'kpi.period': 'Del {from} al {to} · {n} gestores.', 'kpi.period_one': 'Del {from} al {to} · 1 gestor.',
  'kpi.visits_per_day': 'Visitas por día trabajado', 'kpi.right_party_rate': 'Contacto con el titular',
  'kpi.promise_rate': 'Promesas por contacto', 'kpi.promised': 'Monto prometido', 'kpi.kept_rate': 'Promesas cumplidas',
  'kpi.collected': 'Monto cobrado', 'kpi.recovery_rate': 'Recuperación',
  'kpi.daily': 'Visitas y llamadas por día', 'kpi.top': 'escala: {n}', 'kpi.visits': 'Visitas', 'kpi.calls': 'Llamadas',
  'kpi.table': 'Ver la tabla', 'kpi.day': 'Día', 'kpi.rightParty': 'Contactos con el titular', 'kpi.promises': 'Promesas',
  'kpi.byGestor': 'Por gestor', 'kpi.currency': 'Moneda', 'kpi.compare': 'Comparar', 'kpi.everyone': 'Todos',
  'kpi.definitions': 'Contacto con el titular: visitas y llamadas en que se habló con el deudor, entre todas. Promesas por contacto: visitas y llamadas que terminaron en promesa de pago, entre los contactos con el titular. Promesas cumplidas: de las que vencían en el periodo y ya se definieron, las pagadas completas (un pago parcial no cuenta). Cobrado: pagos del periodo en las cuentas que tiene cada gestor. Recuperación: cobrado entre cobrado más lo vencido que aún tienen.',
  'log.afterIntro': 'Visitas, llamadas y promesas que un gestor registró cuando la cuenta ya era de otro, sin revisar: se conservaron; revisa si hay que avisar al gestor actual.',
  'conflicts.intro': 'Dos versiones cambiaron el mismo dato sin verse. Campo se quedó con una y apartó la otra: nada se perdió. Compara y elige.',
  'conflicts.empty': 'No hay conflictos por resolver.', 'conflicts.count': '{n} conflictos por resolver.', 'conflicts.count_one': '1 conflicto por resolver.',
  'conflicts.title': '{kind} · {debtor}', 'conflicts.meta': 'Gestor: {gestor} · combinado el {at}', 'conflicts.noGestor': 'sin gestor',
  'conflicts.open': 'Comparar versiones', 'conflicts.close': 'Cerrar',
  'conflicts.field': 'Dato', 'conflicts.now': 'Versión vigente', 'conflicts.lost': 'Versión apartada', 'conflicts.take': 'Recuperar',
  'conflicts.takeThis': 'Recuperar {field} de la versión apartada',
  'conflicts.deleted': 'Borrado', 'conflicts.notDeleted': 'Sigue vigente', 'conflicts.wasDeleted': 'Alguien lo borró',
  'conflicts.keep': 'Quedarme con la versión vigente', 'conflicts.takeChosen': 'Recuperar lo marcado ({n})',
  'conflicts.takeAll': 'Marcar todo lo apartado',
  'conflicts.kept': 'Resuelto: {debtor} se queda con la versión vigente.',
  'conflicts.took': 'Resuelto: se recuperó lo marcado en {debtor}. {gestor} lo recibirá con su próxima sincronización.',
  'conflicts.stale': 'El registro cambió o alguien ya resolvió este conflicto. Se volvió a cargar: revísalo de nuevo.',
  'conflicts.deceased': 'Fallecido', 'conflicts.segment': 'Segmento', 'conflicts.status': 'Estado', 'conflicts.amount': 'Monto',
  'conflicts.dueOn': 'Vence', 'conflicts.nextAction': 'Próxima acción',
  'plan.title': 'Plan de pagos', 'plan.total': 'Total a pagar', 'plan.discount': 'Descuento (condonación)',
  'plan.count': 'Número de pagos', 'plan.frequency': 'Cada cuándo', 'plan.firstDue': 'Primer pago',
  'frequency.weekly': 'Semanal', 'frequency.fortnightly': 'Quincenal', 'frequency.monthly': 'Mensual',
  'plan.balance': 'Saldo de la cuenta: {balance}.', 'plan.schedule': 'Pagos',
  'plan.settles': 'Con el descuento, pagar este plan liquida la deuda.',
  'plan.partial': 'Es un acuerdo parcial: pagar este plan no liquida la deuda (quedan {rest}).',
  'plan.within': 'Descuento del {percent} % del saldo: dentro de tu límite ({max} %). El plan queda en vigor al guardarlo.',
  'plan.needsApproval': 'Descuento del {percent} % del saldo: pasa de tu límite ({max} %). Se enviará a tu supervisor y quedará en vigor cuando lo apruebe.',
  'plan.save': 'Guardar plan', 'plan.request': 'Enviar a aprobación', 'plan.cancel': 'Cancelar',
  'plan.savedActive': 'Plan guardado y en vigor. Se enviará con la próxima sincronización.',
  'plan.savedRequested': 'Plan guardado. Se enviará a tu supervisor con la próxima sincronización.',
  'plan.installment': '{date}: {amount}',
  'entry.plan': 'Plan de {n} pagos ({frequency}) por {amount}', 'entry.planDiscount': 'descuento de {amount}',
  'approval.not_needed': 'En vigor', 'approval.requested': 'Esperando aprobación del supervisor',
  'approval.approved': 'Aprobado por tu supervisor', 'approval.rejected': 'Rechazado por tu supervisor',
  'approval.countered': 'Contraoferta de tu supervisor: nuevas condiciones', 'approval.accepted': 'Contraoferta aceptada: en vigor',
  'plan.comment': 'Comentario: «{comment}»', 'plan.acceptCounter': 'El deudor acepta la contraoferta',
  'agreement.show': 'Ver convenio', 'agreement.savePdf': 'Guardar PDF', 'agreement.close': 'Cerrar',
  'agreement.saved': 'PDF guardado en {path}. Puedes enviarlo o imprimirlo desde ahí.',
  'agenda.title': 'Agenda de hoy', 'agenda.promisesDue': 'Promesas de hoy', 'agenda.broken': 'Promesas incumplidas',
  'agenda.followUps': 'Seguimientos', 'agenda.done': 'Hechas hoy', 'agenda.total': 'Cuentas',
  'agenda.empty': 'No hay cuentas en este dispositivo.',
  'agenda.due': 'Para hoy', 'agenda.nothingDue': 'Nada vence hoy: sigue con el resto, por prioridad.',
  'agenda.rest': 'El resto de la cartera', 'agenda.doneToday': 'Hecho hoy ({n})',
  'agenda.filtered': 'Solo: {what}.', 'agenda.showAll': 'Ver todo', 'agenda.route': 'Ruta de hoy',
  'agenda.promisedToday': 'Prometido para hoy: {amount}', 'agenda.noneFiltered': 'Ninguna cuenta.',
  'factor.promise_broken': 'promesa incumplida hace {n} días', 'factor.promise_broken_one': 'promesa incumplida ayer',
  'factor.promise_broken_today': 'promesa incumplida hoy',
  'factor.promise_due_today': 'promesa vence hoy',
  'factor.follow_up_due': 'seguimiento atrasado {n} días', 'factor.follow_up_due_one': 'seguimiento de ayer',
  'factor.follow_up_due_today': 'seguimiento para hoy',
  'factor.promise_in_grace': 'promesa vencida hace {n} días, en periodo de gracia',
  'factor.promise_in_grace_one': 'promesa vencida ayer, en periodo de gracia',
  'factor.days_past_due': '{n} días de atraso', 'factor.days_past_due_one': '1 día de atraso',
  'factor.overdue': '{amount} vencidos', 'factor.no_contact': 'sin contacto hace {n} días',
  'factor.no_contact_one': 'sin contacto desde ayer', 'factor.no_contact_never': 'nunca contactado',
  'factor.segment': 'segmento {segment}', 'factor.dispute': 'en aclaración: sin gestión de cobro',
  'factor.deceased': 'titular fallecido: sin gestión de cobro',
  'worked.visit': 'Visita {time}', 'worked.call': 'Llamada {time}',
  'route.title': 'Ruta de hoy', 'route.back': 'Volver a la agenda', 'route.fromHere': 'Ordenar desde mi ubicación',
  'route.locating': 'Buscando ubicación…',
  'route.fromPosition': 'Desde tu ubicación.', 'route.fromFirst': 'Sin tu ubicación, empieza por la primera parada.',
  'route.summary': '{n} visitas · {length}', 'route.summary_one': '1 visita · {length}',
  'route.versus': 'En orden de prioridad serían {length}.',
  'route.empty': 'No hay visitas para hoy con dirección ubicada.',
  'route.leg': 'a {distance}', 'route.legFirst': 'primera parada', 'route.open': 'Abrir en mapas',
  'route.unplaced': 'Sin ubicación en el plano ({n}): ábrelas y visítalas por su dirección.',
  'route.plot': 'Plano de la ruta con {n} paradas, sin mapa de fondo; la lista dice el orden y las distancias.',
  'route.you': 'Tú',
  'promiseStatus.pending': 'Pendiente', 'promiseStatus.kept': 'Cumplida', 'promiseStatus.partially_kept': 'Cumplida en parte',
  'promiseStatus.broken': 'Incumplida', 'promiseStatus.cancelled': 'Cancelada',
  'entry.cancel': 'Cancelar promesa', 'entry.cancelPlan': 'Cancelar plan', 'entry.cancelConfirm': '¿Cancelar esta promesa? Queda en el historial como cancelada.',
  'entry.cancelPlanConfirm': '¿Cancelar este plan? Sus pagos pendientes dejan de esperarse; el plan queda en el historial como cancelado.',
  'entry.cancelYes': 'Sí, cancelarla', 'entry.cancelNo': 'No',
  'portfolio.title': 'Cartera', 'portfolio.search': 'Buscar por nombre, referencia, teléfono o dirección',
  'portfolio.count': '{shown} de {total} cuentas', 'portfolio.anyRegion': 'Todas las regiones',
  'portfolio.region': 'Región {n}', 'portfolio.anySegment': 'Todos los segmentos', 'portfolio.anyBucket': 'Todos los días de atraso',
  'portfolio.dispute': 'En aclaración', 'portfolio.doNotVisit': 'No visitar', 'portfolio.withPromise': 'Con promesa',
  'bucket.current': 'Al corriente', 'bucket.d1_to30': '1–30 días', 'bucket.d31_to60': '31–60 días',
  'bucket.d61_to90': '61–90 días', 'bucket.d91_to120': '91–120 días', 'bucket.over120': 'Más de 120 días',
  'debtor.add': 'Agregar un dato que te dio', 'debtor.add.phone': 'Teléfono', 'debtor.add.email': 'Correo',
  'debtor.add.address': 'Dirección', 'debtor.add.value': 'Dato', 'debtor.add.save': 'Agregar',
  'debtor.add.done': 'Agregado. Se enviará con la próxima sincronización.',
  'debtor.bucket': 'Tramo', 'debtor.sbs': 'Calificación SBS',
  'sbs.normal': 'Normal', 'sbs.cpp': 'CPP', 'sbs.deficiente': 'Deficiente', 'sbs.dudoso': 'Dudoso', 'sbs.perdida': 'Pérdida',
  'debtor.balance': 'Saldo', 'debtor.overdue': 'Vencido', 'debtor.minimum': 'Pago mínimo', 'debtor.dpd': 'Días de atraso',
  'debtor.phones': 'Teléfonos', 'debtor.addresses': 'Direcciones', 'debtor.timeline': 'Historial',
  'debtor.noTimeline': 'Sin actividad registrada.', 'debtor.back': 'Volver',
  'flag.dispute': 'En aclaración: sin presión de cobro', 'flag.deceased': 'Fallecido', 'flag.do_not_visit': 'No visitar',
  'kind.visit': 'Visita', 'kind.call': 'Llamada', 'kind.promise': 'Promesa de pago', 'kind.payment': 'Pago', 'kind.review': 'Revisión',
  'kind.debtor': 'Cuenta',
  'verdict.approved': 'Aprobada', 'verdict.follow_up': 'Requiere seguimiento', 'verdict.questioned': 'Cuestionada',
  'entry.pending': 'Sin enviar', 'entry.rejected': 'Rechazado: {reason}', 'entry.afterReassignment': 'Registrado tras la reasignación',
  'form.record': 'Registrar {kind}', 'form.fix': 'Corregir {kind}', 'entry.fix': 'Corregir', 'form.outcome': 'Resultado', 'form.notes': 'Notas', 'form.nextAction': 'Próxima acción',
  'form.started': 'Inicio', 'form.ended': 'Fin', 'form.lat': 'Latitud', 'form.lon': 'Longitud', 'form.accuracy': 'Precisión (m)',
  'form.positionHint': 'Se guarda tu ubicación con la visita. Si el equipo no la da, escríbela (quedará como escrita a mano) o déjala vacía.',
  'form.locate': 'Usar mi ubicación', 'form.locating': 'Buscando ubicación…',
  'form.located': 'Ubicación tomada del equipo. Se guarda con la visita.',
  'form.locate_unavailable': 'Este equipo no da la ubicación ahora. Escríbela (quedará como escrita a mano) o déjala vacía.',
  'form.locate_denied': 'La app no tiene permiso de ubicación. Dáselo en los ajustes del equipo, o escribe la posición.',
  'form.number': 'Número', 'form.direction': 'Dirección de la llamada', 'form.outbound': 'Saliente', 'form.inbound': 'Entrante',
  'form.duration': 'Duración (minutos)', 'form.amount': 'Monto', 'form.dueOn': 'Fecha de pago', 'form.save': 'Guardar',
  'form.cancel': 'Cancelar', 'form.saved': 'Guardado en el dispositivo. Se enviará al sincronizar.',
  'form.chooseOutcome': 'Elige un resultado',
  'input.required': '{field}: falta este dato. Escríbelo para guardar.',
  'input.choose': '{field}: elige una opción de la lista.',
  'input.not_a_number': '{field}: escribe solo un número, por ejemplo {example}.',
  'input.not_a_whole_number': '{field}: escribe un número entero, por ejemplo {example}.',
  'input.not_an_amount': '{field}: escribe el monto con números, por ejemplo 1,500.50.',
  'input.negative': '{field}: no puede ser negativo.',
  'input.zero': '{field}: debe ser mayor que cero.',
  'input.too_many_decimals': '{field}: usa como máximo 2 decimales.',
  'input.ambiguous_amount': '{field}: ¿cuál quisiste escribir? Toca el monto correcto.',
  'input.half_position': '{field}: falta. Escribe la latitud y la longitud, o deja las dos vacías.',
  'input.accuracy_required': '{field}: escribe cuántos metros de margen tiene la posición (por ejemplo 20), o deja la posición vacía.',
  'input.not_a_date': '{field}: escribe la fecha como día/mes/año, por ejemplo {example}.',
  'input.no_such_day': '{field}: esa fecha no existe. Revisa el día y el mes (día/mes/año).',
  'input.year_out_of_range': '{field}: revisa el año (día/mes/año, por ejemplo {example}).',
  'input.willSave': 'Se guardará: {value}',
  'input.fixFields': 'Revisa los campos marcados.',
  'form.datePlaceholder': 'dd/mm/aaaa', 'form.minutesSeconds': '{m} min {s} s',
  'confirm.title': 'Antes de guardar, confirma:',
  'confirm.past_next_action': 'La próxima acción ({date}) es anterior a hoy.',
  'confirm.far_date': 'La fecha ({date}) está a más de un año.',
  'confirm.above_balance': 'La promesa ({amount}) es mayor que el saldo de la cuenta ({balance}).',
  'confirm.open_promise': 'La cuenta ya tiene una promesa abierta de {amount} para el {due_on}.',
  'confirm.yes': 'Sí, guardar así', 'confirm.no': 'Corregir',
  'portfolio.more': 'Ver {n} más',
  'first.unreachable': 'No se pudo conectar con {server}. Revisa la dirección y que haya señal, y vuelve a intentarlo.',
  'first.notCampo': '{server} no responde como un servidor de Campo. Revisa la dirección; en una red wifi pública, acepta antes sus condiciones.',
  'offline.banner': 'Sin conexión. Sin enviar: {n}. Se enviará todo cuando haya señal.',
  'settings.stay': 'Cancelar',
  'sync.merged': '{n} se unieron con cambios hechos en la oficina o en otro dispositivo.',
  'sync.rejectedSome': '{n} no se aceptaron: revisa los avisos.',
  'notice.revoked': '{account} se reasignó a otro gestor y ya no está en este dispositivo.',
  'notice.revokedWaiting': '{account} se reasignó a otro gestor; tus {n} registros pendientes sobre ella se enviarán igualmente.',
  'notice.accountOf': 'La cuenta de {debtor}', 'notice.anAccount': 'Una cuenta que tenías',
  'notice.rejected': 'El servidor no aceptó tu {record} sobre {debtor}: {reason}',
  'notice.after_reassignment': 'Tu {record} sobre {debtor} se guardó, aunque la cuenta ya está asignada a otro gestor.',
  'notice.conflict': 'Tu cambio en {debtor} coincidió con otro hecho al mismo tiempo y puede que quede el otro valor; el tuyo queda en el historial y tu supervisor lo puede ver.',
  'notice.someAccount': 'una cuenta que ya no está en este dispositivo',
  'notice.record': 'registro',
  'rejection.invalid_record': 'los datos no son válidos',
  'rejection.not_found': 'la cuenta ya no está en tu cartera',
  'rejection.not_allowed': 'no tienes permiso para ese cambio',
  'rejection.promise_status': 'el estado de una promesa lo calcula el servidor con los pagos; solo puedes cancelarla',
  'rejection.plan_approval': 'la aprobación del plan y sus condiciones las decide tu supervisor; un descuento sobre tu límite se envía como solicitud',
  'rejection.plan_balance': 'el saldo de la cuenta cambió desde que calculaste el plan; vuelve a calcularlo con el saldo nuevo',
  'error.bad_answer': 'El servidor respondió algo que la app no entiende (¿una red wifi que pide aceptar condiciones?). Tu trabajo queda guardado; vuelve a intentarlo con otra red.',
  'error.interrupted': 'La app interrumpió una tarea por un fallo interno. Tu trabajo queda guardado; vuelve a intentarlo y, si se repite, avisa a tu supervisor.',
  'settings.confirmDiscard_one': 'Se perderá 1 registro sin enviar. ¿Cerrar sesión de todos modos?',
  'settings.discard_one': 'Sí, perder 1 registro',
  'sync.merged_one': '1 se unió con cambios hechos en la oficina o en otro dispositivo.',
  'sync.rejectedSome_one': '1 no se aceptó: revisa los avisos.',
  'notice.revokedWaiting_one': '{account} se reasignó a otro gestor; tu registro pendiente sobre ella se enviará igualmente.',
  'refusal.other_record': 'Ese registro pertenece a otra cuenta. Vuelve a abrir la cuenta y regístralo de nuevo.',
  'refusal.may_not_create': 'Desde la app no se puede registrar: {record}. Eso lo carga la financiera o tu supervisor.',
  'refusal.may_not_edit': 'Desde la app no se puede cambiar: {record}.',
  'refusal.promise_status': 'El estado de una promesa lo calcula el servidor con los pagos de la financiera; desde la app solo se puede cancelar.',
  'refusal.lender_field': 'El dato «{field}» de la cuenta lo actualiza la financiera; no se puede cambiar desde la app.',
  'refusal.plan_approval': 'La aprobación de un plan la decide tu supervisor: desde la app solo se pide o, si hubo contraoferta, se acepta.',
  'refusal.discount_needs_approval': 'Un descuento de más del {max_percent} % del saldo necesita la aprobación de tu supervisor: envía el plan como solicitud.',
  'refusal.plan_balance': 'El saldo de la cuenta es ahora {balance}: vuelve a calcular el plan con ese saldo.',
  'refusal.plan_decided': 'Tu supervisor ya decidió este plan y sus condiciones no cambian. Si el deudor necesita otras, cancélalo y propón un plan nuevo.',
  'breach.outside_hours': 'Son las {local} para el deudor: solo se permite contactar de {from} a {until}, hora del deudor.',
  'breach.weekend': 'Para el deudor es fin de semana, y la política no permite contactar en sábado ni domingo.',
  'breach.holiday': 'Para el deudor hoy es feriado ({name}), y la política no permite contactar.',
  'breach.too_often_today': 'Ya se intentó contactar a este deudor {cap} veces hoy, el máximo que permite la política.',
  'breach.too_often_this_week': 'Ya se intentó contactar a este deudor {cap} veces en los últimos 7 días, el máximo que permite la política.',
  'breach.too_many_visits_this_week': 'Ya se visitó a este deudor {cap} veces en los últimos 7 días, el máximo que permite la política.',
  'breach.do_not_visit': 'La cuenta está marcada «No visitar».',
  'breach.deceased': 'El titular falleció: no se contacta a nadie sobre esta cuenta.',
  'breach.in_dispute': 'La cuenta está en aclaración: solo se trata la aclaración, no se cobra.',
  'breach.third_party': 'Con esa persona no se puede tratar la deuda: solo dejar recado o anotar que no estaba.',
  'kind.message': 'Mensaje',
  'breach.reminder_in_dispute': 'La cuenta está en aclaración: no se envían recordatorios de pago.',
  'breach.not_the_debtors_number': 'Los mensajes van solo a los números y correos del titular, para que nadie más sepa de la deuda.',
  'message.title': 'Enviar un mensaje', 'message.channel': 'Por', 'message.sms': 'SMS', 'message.whatsapp': 'WhatsApp',
  'message.email': 'Correo', 'message.to': 'Para', 'message.subject': 'Asunto', 'message.template': 'Mensaje',
  'message.hint': 'Los textos ya dicen quién eres, la agencia y el acreedor, y solo van a los números y correos del titular.',
  'message.fromPhone': 'Enviar desde mi teléfono', 'message.queue': 'Enviar por el servidor',
  'message.queueHint': 'El servidor lo envía dentro del horario de contacto del deudor.',
  'message.none': 'No hay mensajes para esta cuenta.',
  'delivery.opened': 'abierto en el teléfono', 'delivery.queued': 'en cola del servidor', 'delivery.sent': 'enviado',
  'delivery.sending': 'enviándose',
  'breach.not_from_template': 'El mensaje no corresponde a una plantilla aprobada; elígelo de la lista.',
  'delivery.failed': 'no se pudo enviar: {reason}',
  'entry.message': '{channel} a {to} — {delivery}',
  'debtor.call': 'Llamar', 'debtor.whatsapp': 'WhatsApp', 'debtor.emails': 'Correos', 'debtor.write': 'Escribir',
  'breach.nobody_named': 'Indica con quién hablaste.',
  'breach.not_identified': 'Confirma que te identificaste antes de hablar de la cuenta.',
  'refusal.contact': '{reasons}',
  'refusal.contact_justifiable': 'Si hay un motivo (por ejemplo, el deudor lo pidió), escríbelo en «Justificación»: se guardará señalado para tu supervisor.',
  'rejection.contact_rule': 'va contra las reglas de contacto',
  'domain.empty_contact_window': 'El horario de contacto debe empezar antes de terminar ({from}–{until}).',
  'domain.zero_cap': '{field}: debe permitir al menos un intento.',
  'domain.debtor_must_hear': 'El deudor siempre puede tratar su propia deuda.',
  'domain.not_bound_to_the_debt': '{name}: en la cuenta solo figuran coobligados y avales.',
  'form.reached': '¿Con quién hablaste?', 'form.chooseReached': 'Elige una opción',
  'reached.nobody': 'Con nadie (no atendió, no estaba)', 'reached.debtor': 'Con el titular, {name}',
  'reached.co_obligor': 'Con el coobligado {name}', 'reached.guarantor': 'Con el aval {name}',
  'reached.other': 'Con otra persona (familiar, vecino, compañero)',
  'form.identification': 'Identificación', 'form.scriptTitle': 'Antes de hablar, identifícate:',
  'script.debt': '«Buenos días, soy {gestor}{agency}. Le busco en nombre de {lender}, por su {product} con contrato {contract}.»',
  'script.neutral': '«Buenos días, soy {gestor}. Busco a {debtor} por un asunto personal. ¿Podría pedirle que se comunique {callback}?»',
  'script.agency': ', de {agency}', 'script.agencyPhone': ', de {agency} (teléfono {phone})',
  'script.lenderUnknown': 'la institución acreedora', 'script.callbackPhone': 'al {phone}', 'script.callback': 'conmigo',
  'script.neutralHint': 'Con esta persona no se habla de la deuda: solo deja recado o anota que no estaba.',
  'form.identified': 'Me identifiqué como dice el texto',
  'form.justification': 'Justificación',
  'form.justificationHint': 'Solo si hay un motivo, por ejemplo: el deudor pidió que le llamaran a esta hora. Se guarda señalado para tu supervisor.',
  'product.credit_card': 'tarjeta de crédito', 'product.personal_loan': 'préstamo personal', 'product.payroll_loan': 'crédito de nómina',
  'product.microcredit': 'microcrédito', 'product.auto_loan': 'crédito automotriz',
  'debtor.lender': 'Acreedor', 'debtor.related': 'Coobligados y avales',
  'role.co_obligor': 'Coobligado', 'role.guarantor': 'Aval', 'role.debtor': 'Titular', 'role.other': 'Otra persona',
  'entry.reached': 'Con: {party}', 'entry.justified': 'Justificado: {reason}',
  'entry.distance': 'a {distance} del domicilio', 'entry.typedPosition': 'posición escrita a mano',
  'form.photos': 'Fotos', 'form.addPhoto': 'Agregar foto', 'form.attaching': 'Guardando foto…', 'form.removePhoto': 'Quitar',
  'form.photoHint': 'Hasta {max} por visita. Se guardan en el equipo y se envían después de la visita.',
  'photo.alt': 'Foto de la visita', 'photo.missing': 'Foto en el servidor: se verá con señal',
  'domain.photo_too_large': 'La foto pesa demasiado ({bytes} bytes; el máximo es {max}). Toma otra con menos resolución.',
  'domain.not_a_photo': 'Ese archivo no es una foto (JPEG, PNG o WebP).',
  'domain.too_many_photos': 'Una visita lleva hasta {max} fotos.',
  'sync.photosWaiting': 'Fotos por enviar',
  'input.unconfirmed': '{field}: marca la casilla cuando te hayas identificado.',
  'sync.title': 'Sincronización', 'sync.pending': 'Registros sin enviar', 'sync.rejected': 'Rechazados',
  'sync.last': 'Última sincronización', 'sync.never': 'Nunca', 'sync.now': 'Sincronizar ahora', 'sync.running': 'Sincronizando…',
  'sync.result': 'Enviados {sent}; recibidos {pulled}.',
  'sync.granted': 'Cuentas nuevas asignadas: {n}', 'sync.revoked': 'Cuentas reasignadas a otro gestor: {n}',
  'sync.notices': 'Avisos', 'sync.dismiss': 'Entendido',
  'settings.title': 'Ajustes', 'settings.language': 'Idioma', 'settings.server': 'Servidor', 'settings.user': 'Usuario',
  'settings.signOut': 'Cerrar sesión', 'settings.confirmDiscard': 'Se perderán {n} registros sin enviar (visitas, llamadas, promesas, mensajes o fotos). ¿Cerrar sesión de todos modos?',
  'settings.discard': 'Sí, perder {n} registros', 'settings.keep': 'No, sincronizar primero',
  'error.not_signed_in': 'Inicia sesión para empezar.',
  'error.sign_in_again': 'Tu sesión terminó. Inicia sesión de nuevo; tu trabajo pendiente se conserva.',
  'error.other_user_pending': 'Este dispositivo tiene trabajo sin enviar de {login}. Esa persona debe iniciar sesión y sincronizar primero.',
  'error.offline': 'Sin conexión con el servidor. Tu trabajo queda guardado y se enviará cuando haya señal.',
  'error.server': 'El servidor respondió: {message}',
  'server.unauthorized': 'Usuario o contraseña incorrectos. Revísalos e inténtalo de nuevo.',
  'server.too_many_attempts': 'Demasiados intentos fallidos. Espera unos minutos y vuelve a intentarlo.',
  'error.not_found': 'No se encontró {what} en este dispositivo.',
  'error.not_allowed': 'No permitido: {message}',
  'error.unsent_work': 'Hay {records} registros sin enviar. Sincroniza antes de cerrar sesión.',
  'error.storage': 'No se pudo leer o guardar en el dispositivo ({message}). Reinicia la app; si sigue, avisa a tu supervisor.',
  'error.unknown': 'Algo salió mal: {message}',
  'domain.negative_amount': '{field}: el monto no puede ser negativo.',
  'domain.zero_amount': '{field}: el monto debe ser mayor que cero.',
  'domain.too_many_decimals': '{field}: usa como máximo 2 decimales.',
  'domain.currency_mismatch': 'La moneda {found} no es la de la cuenta ({expected}).',
  'domain.latitude_out_of_range': 'La latitud {value} está fuera de rango (−90 a 90).',
  'domain.longitude_out_of_range': 'La longitud {value} está fuera de rango (−180 a 180).',
  'domain.invalid_accuracy': 'La precisión GPS {value} no es válida.',
  'domain.unknown_outcome': 'Elige un resultado de la lista.',
  'domain.outcome_not_for_channel': 'Ese resultado no aplica a una {channel}.',
  'domain.promise_due_in_past': 'La fecha de pago ({due_on}) no puede ser anterior a hoy ({made_on}).',
  'domain.installments_do_not_add_up': 'Las parcialidades suman {total}, pero la promesa es de {amount}.',
  'domain.installments_out_of_order': 'Las parcialidades deben ir en orden y la última vencer con la promesa.',
  'domain.empty_text': '{field}: no puede quedar vacío.',
  'domain.text_too_long': '{field}: admite hasta {max} caracteres.',
  'domain.forbidden_character': '{field}: contiene un carácter no permitido ({character}); bórralo y escribe el texto de nuevo.',
  'domain.invalid_phone': 'El teléfono {value} no es válido.',
  'domain.grace_too_long': 'Los días de gracia no pueden pasar de {max}.',
  'domain.segment_points_out_of_range': 'Un segmento suma o resta a lo más {max} puntos de prioridad.',
  'domain.out_of_range': '{field}: va de {min} a {max}.',
  'domain.breakdown_does_not_add_up': 'Capital, intereses y comisiones no suman el saldo de la cuenta ({balance}).',
  'domain.plan_over_balance': 'El plan ({amount}) más el descuento ({discount}) pasa del saldo de la cuenta ({balance}). Baja el total o el descuento.',
  'domain.discount_limit_out_of_range': 'Un límite de descuento va de 0 % a 100 %.',
  'domain.installment_count': 'Un plan tiene de 1 a {max} parcialidades.',
  'domain.invalid_email': 'El correo {value} no es válido: escríbelo como nombre@dominio.com.',
  'domain.recipient_not_for_channel': '{to} no sirve para este medio: un correo va a una dirección de correo; un SMS o WhatsApp, a un teléfono.',
  'domain.unknown_zone': 'Zona horaria desconocida: {value}.',
  'domain.ends_before_start': 'La hora de fin es anterior a la de inicio.',
  'domain.exceeds_balance': '{field} no puede ser mayor que el saldo.',
  'domain.malformed': 'Revisa los datos del formulario: {message}',
};

export type Key = keyof typeof es;

const en: Record<Key, string> = {
  ...es,
  'nav.agenda': 'Agenda', 'nav.portfolio': 'Portfolio', 'nav.sync': 'Sync', 'nav.settings': 'Settings',
  'first.title': 'Welcome to Campo', 'first.intro': 'Sign in to download your portfolio. Then you can work without signal.',
  'first.server': 'Server address', 'first.login': 'User', 'first.password': 'Password',
  'first.device': 'Name of this device', 'first.submit': 'Sign in',
  'first.downloading': 'Downloading your portfolio…', 'first.progress': '{records} records · {kb} KB',
  'kind.plan': 'Payment plan',
  'console.title': 'Campo · Console', 'console.intro': 'Console for supervision, coordination and administration.',
  'console.signIn': 'Sign in', 'console.signOut': 'Sign out', 'console.signedInAs': '{name} · {role}',
  'console.gestorRefused': 'The console is for supervisors, coordinators and admins. As a gestor, work your portfolio in the Campo app.',
  'console.sessionEnded': 'Your session ended (30 minutes unused, or it was closed). Sign in again.',
  'console.unreachable': 'No connection to the server. Check your network and try again.',
  'console.stale': 'Someone else changed this plan while you were reviewing it. It was reloaded: review it again.',
  'console.forbidden': 'Your role does not allow this, or the request did not come from the console. Open the console again from its address.',
  'console.notFound': 'It is no longer yours to see or no longer exists (the account may have moved to another team). The list was reloaded.',
  'queue.movedTo': '{gestor} has the account now: your decision reaches their device.',
  'role.supervisor': 'Supervisor', 'role.coordinator': 'Coordinator', 'role.admin': 'Admin', 'role.gestor': 'Gestor',
  'nav.plans': 'Plans to approve', 'nav.log': 'Log', 'log.title': 'Activity log',
  'log.kind': 'Kind', 'log.all': 'All', 'log.from': 'From', 'log.to': 'To', 'log.review': 'Review',
  'log.unreviewed': 'Not reviewed', 'log.reviewed': 'Reviewed', 'log.flaggedOnly': 'Only outside the rules (justified)',
  'log.afterOnly': 'Only recorded after a reassignment', 'log.apply': 'Apply filters', 'log.region': 'Region', 'log.allRegions': 'All', 'log.export': 'Export CSV', 'log.more': 'Show more',
  'log.empty': 'Nothing to show with these filters.', 'log.shown': '{n} records.', 'log.shown_one': '1 record.',
  'log.shownMore': 'The latest {n}; there are more.',
  'log.when': 'When (device)', 'log.received': 'Received (server)', 'log.gestor': 'Gestor', 'log.debtor': 'Debtor', 'log.byServer': 'The server (automatic reminder)',
  'log.outcome': 'Outcome', 'log.flags': 'Flags',
  'log.reviewAction': 'Review', 'log.verdict': 'Verdict', 'log.reviewSave': 'Save review',
  'log.commentOptional': 'Comment for the gestor (optional)', 'log.commentWhy': 'Why: the gestor reads it on their device',
  'log.commentNeeded': 'Write why you flag it: the gestor reads the comment on their device.',
  'log.reviewSaved': 'Review saved. {gestor} sees it in the app with their next sync.',
  'detail.open': 'Show detail', 'detail.close': 'Hide detail', 'detail.loading': 'Loading…',
  'detail.skewUnknown': 'the device did not say its time', 'detail.skewNone': 'clocks agree',
  'detail.skewBehind': "device's clock {minutes} min behind", 'detail.skewAhead': "device's clock {minutes} min ahead",
  'detail.reached': 'Who was reached', 'detail.nobody': 'Nobody', 'detail.identified': 'Identified themselves',
  'detail.yes': 'Yes', 'detail.no': 'No', 'detail.rules': 'Contact rules',
  'detail.notJudged': 'Recorded before the rules: not judged.', 'detail.withinRules': 'Within every rule (policy v{version}).',
  'detail.outsideRules': 'Outside a rule, justified (policy v{version}):',
  'detail.noFlags': 'Nothing to flag.', 'detail.where': 'Where',
  'detail.scale': 'centre to edge: {distance}', 'detail.plotCaption': "The visit's position (circle, with its accuracy) and the account's addresses (squares)",
  'detail.position': 'GPS position', 'detail.positionTyped': 'Position typed by hand', 'detail.noPoint': 'no coordinates',
  'detail.distance': 'Distance to the nearest address', 'detail.noPosition': 'The visit has no position.',
  'flag.far_from_address': 'Far from the address: the position was {distance} from the nearest address; the policy flags beyond {threshold}.',
  'flag.outside_contact_window': 'Outside the legal hours: {rule}',
  'flag.justified_exception': 'Exception to a rule: {rule}',
  'flag.reason': 'The gestor\'s reason: “{reason}”.', 'flag.noReason': 'The gestor gave no reason.',
  'flag.clock_behind': "The device's clock was {minutes} min behind the server's: the times recorded may be off by as much.",
  'flag.clock_ahead': "The device's clock was {minutes} min ahead of the server's: the times recorded may be off by as much.",
  'flag.typed_position': "Position typed by hand: the phone's GPS did not take it.",
  'flag.many_contacts': 'Contact number {attempts} with this debtor in {days} days, every gestor counted.',
  'flag.broken_soon': 'A broken promise whose first payment was due {days} days after it was made.',
  'flag.after_reassignment': 'Recorded after the account was reassigned to another gestor.',
  'queue.empty': 'No plans are waiting for your decision.', 'queue.count': '{n} plans waiting for your decision.',
  'queue.count_one': '1 plan waiting for your decision.',
  'queue.by': 'Proposed by {gestor} on {date}', 'queue.terms': '{total} in {n} payments ({frequency}); a discount of {discount} ({percent}% of the {balance} balance).',
  'queue.approve': 'Approve', 'queue.reject': 'Reject', 'queue.counter': 'Counter-offer',
  'queue.comment': 'Comment for the gestor (optional)', 'queue.send': 'Send counter-offer', 'queue.back': 'Back',
  'queue.approved': "{debtor}'s plan approved. It reaches {gestor}'s device with their next sync.",
  'queue.rejected': "{debtor}'s plan rejected and cancelled. {gestor} sees it with their next sync.",
  'queue.countered': 'Counter-offer sent to {gestor} for {debtor}: in force once the debtor accepts it.',
  'nav.conflicts': 'Conflicts', 'nav.after': 'After reassignment',
  'nav.imports': 'Import', 'imports.title': "Import the lender's files", 'imports.kind': 'File',
  'imports.debtors': 'Portfolio (accounts)', 'imports.payments': 'Payments', 'imports.file': 'CSV file',
  'imports.check': 'Check the file', 'imports.run': 'Import', 'imports.sending': 'Sending the file…',
  'imports.checked': 'No errors: it would create {created}, change {updated} and leave {unchanged} as they are. Nothing stored yet.',
  'imports.done': 'Imported: {created} new, {updated} changed, {unchanged} the same.',
  'imports.refused': 'Nothing was imported. Fix the file and check it again:', 'imports.more': 'and {n} more problems.',
  'imports.help': 'Every line is checked first and nothing is stored; only a file without errors can be imported, and all of it.',
  'import.line': 'Line {line}', 'import.lineColumn': 'Line {line}, column {column}',
  'import.missing': 'Missing columns: {columns}.', 'import.unknown': 'Unknown columns: {columns}.',
  'import.not_a_number': '“{value}” is not a number: write digits with a decimal point and no thousands separator (1500.50).',
  'import.not_a_date': '“{value}” is not a date: write it as year-month-day (2026-12-01).',
  'import.not_on_the_list': '“{value}” is not one of: {allowed}.', 'import.empty': 'is empty.',
  'import.unreadable': 'cannot be read ({detail}).', 'import.half_position': 'give both latitude and longitude, or neither.',
  'import.phones_without_name': 'there are phones but no name.', 'import.unknown_user': 'there is no user {login}.',
  'import.not_a_gestor': '{login} is not a gestor.', 'import.unknown_account': 'no account has the reference {reference}: import the portfolio first.',
  'import.repeated_in_file': 'the reference {reference} is already on line {first_line}.',
  'import.not_your_territory': 'the territory {territory} is not one you coordinate.',
  'import.gestor_elsewhere': '{login} works in another country or a territory you do not coordinate.',
  'import.reference_taken': 'the reference {reference} already belongs to an account of another territory.', 'import.in_the_future': 'the date {date} has not come yet.',
  'nav.day': "Gestor's day", 'day.title': "A gestor's day", 'day.day': 'Day', 'day.show': 'Show the day',
  'day.none': 'No visits that day.', 'day.count': '{n} visits on {day}.', 'day.count_one': '1 visit on {day}.',
  'day.caption': 'Visits numbered in the order made (circles), the route between them (line) and the addresses of the accounts visited (squares).',
  'day.span': 'side to side: {distance}', 'day.time': 'Time',
  'users.regionsAndTeams': 'Regions and teams', 'users.regionName': "The region's name", 'users.currency': 'Currency (country)',
  'users.createRegion': 'Create region', 'users.teamName': "The team's name", 'users.createTeam': 'Create team',
  'users.regionCreated': 'Region “{name}” created.', 'users.teamCreated': 'Team “{name}” created: gestores can join it now.',
  'users.teamIncomplete': "Type the team's name and choose its region.",
  'nav.users': 'Users', 'users.title': 'Users and devices', 'users.name': 'Name', 'users.role': 'Role', 'users.team': 'Team',
  'users.devices': 'Devices', 'users.inactive': 'deactivated', 'users.revoked': 'revoked', 'users.revoke': 'Revoke',
  'users.regions': 'Regions', 'users.regionsSet': '{name} now coordinates: {regions}.', 'users.noRegions': '{name} coordinates no region now: they cannot move accounts.',
  'users.newPassword': 'New password', 'users.save': 'Save', 'users.resetAction': 'New password', 'users.deactivate': 'Deactivate',
  'users.new': 'New user', 'users.firstPassword': 'First password', 'users.create': 'Create user',
  'users.badLogin': 'User: only letters without accents, digits, dot, hyphen and underscore.', 'users.noName': 'Type the full name.',
  'users.noTeam': 'Gestores and supervisors work in a team: choose one.', 'users.shortPassword': 'The password needs at least {n} characters.',
  'users.created': '{name} can now sign in as “{login}” with the first password.',
  'users.reset': 'New password for {name}: their sessions ended; they sign in with the new one.',
  'users.deactivated': '{name} can no longer sign in. Everything they recorded is kept.',
  'users.deviceRevoked': "{name}'s {device} is revoked: it must sign in again, and sends what it had not sent then.",
  'nav.audit': 'Audit', 'audit.title': 'Audit: who did what', 'audit.action': 'Action', 'audit.login': 'User',
  'audit.when': 'When', 'audit.target': 'On what', 'audit.detail': 'Detail', 'audit.operator': 'operator (command line)',
  'audit.sign_in': 'Signed in', 'audit.sign_out': 'Signed out', 'audit.assign': 'Reassigned an account', 'audit.reassign_bulk': 'Reassigned accounts in bulk',
  'audit.reassign_undo': 'Undid a reassignment', 'audit.review': 'Reviewed a visit or call', 'audit.plan_decision': 'Decided a payment plan',
  'audit.edit': 'Edited an account', 'audit.delete': 'Deleted a record', 'audit.import': 'Imported a portfolio', 'audit.import_payments': 'Imported payments',
  'audit.conflict_settle': 'Settled a conflict', 'audit.policy': 'Changed the contact policy', 'audit.revoke_sessions': "Ended a user's sessions",
  'nav.escalations': 'Broken promises',
  'esc.intro': 'Accounts whose promises or payments broke as often as the policy lets pass. Talk it over with the gestor: a plan the debtor can keep recovers more than pressure does.',
  'esc.empty': 'No account reached the limit of broken promises.', 'esc.count': '{n} accounts reached the limit of broken promises.',
  'esc.count_one': '1 account reached the limit of broken promises.', 'esc.ref': 'Reference', 'esc.misses': 'Broken', 'esc.last': 'The last was due',
  'nav.policy': 'Contact policy', 'policy.title': 'Contact policy', 'policy.country': 'Country',
  'policy.MX': 'Mexico (CONDUSEF)', 'policy.PE': 'Peru (Law 29571, art. 62)',
  'policy.inForce': 'In force: version {version}. Saving puts the next version in force; each device gets it with its next sync.',
  'policy.hours': 'Hours and days', "policy.from": "From (debtor's local time)", 'policy.until': 'Until (00:00: end of day)',
  'policy.weekends': 'Contact allowed at weekends', 'policy.holidays': 'Contact allowed on public holidays',
  'policy.justify': 'A written justification lets a contact outside the hours be recorded (flagged)',
  'policy.limits': 'Limits and thresholds', 'policy.perDay': 'Attempts per day with a debtor', 'policy.perWeek': 'Attempts per week',
  'policy.visitsPerWeek': 'Visits per week', 'policy.graceDays': 'Days of grace after a due date',
  'policy.reminderDays': 'Days before a payment to remind (0: no reminders)', 'policy.escalateAfter': 'Broken promises before the supervisor hears',
  'policy.farMeters': 'Metres from the address that flag a visit as far', 'policy.manyContacts': 'Contacts in a week flagged as many',
  'policy.discount': "A gestor's largest discount (% of balance)",
  'policy.identity': 'How the gestor identifies themselves', 'policy.agency': "The agency's name", 'policy.agencyPhone': "The agency's phone",
  'policy.preview': 'See what it would have refused yesterday', 'policy.save': 'Save and put in force',
  'policy.impactTitle': 'With this change, on {day}', 'policy.impact': 'Of {judged} visits and calls, the policy in force refused {now}; the new one would have refused {proposed} and let {flagged} through with a justification.',
  'policy.why': 'Why it would refuse it', 'policy.nothingNew': 'No contact accepted yesterday would have been refused.',
  'policy.saved': 'Version {version} in force. Devices get it with their next sync.',
  'policy.stale': 'Another admin changed this policy while you were editing it. It was reloaded: check and save again.',
  'policy.problem.time': '{field}: type a time such as 08:00.', 'policy.problem.whole': '{field}: type a whole number, without decimals.',
  'policy.problem.percent': '{field}: type a percentage such as 10 or 12.5.', 'policy.problem.required': '{field}: this is missing.',
  'tpl.title': 'Message templates',
  'tpl.intro': 'The only texts a gestor sends by SMS, WhatsApp or email, and those of the automatic reminders. Every message says who sends it ({gestor} of {agencia}), on whose behalf ({acreedor}) and where to answer ({telefono}), and asks rather than threatens. A message written with the previous version still counts.',
  'tpl.name': 'Name (as the gestor picks it)', 'tpl.code': 'Code', 'tpl.remove': 'Remove', 'tpl.text': 'Text (in Spanish, as the debtor receives it)',
  'tpl.insert': 'Insert a value', 'tpl.add': 'Add a template', 'tpl.sample': 'How the debtor would read it:',
  'tpl.collects': 'Collects (names {monto} or {fecha}): offered only when there is a promise to remind of, and never on an account in dispute.',
  'tpl.followsUp': 'Does not collect: it may go to an account in dispute too.',
  'tpl.reminderUse': 'Automatic reminders use this template, so it cannot be removed.',
  'tpl.noAgency': "Type the agency's name and phone above: every message gives them, and without them they stay blank.",
  'tpl.full': 'A policy holds up to {max} templates; remove one to add another.',
  'tpl.ph.nombre': "The debtor's name", 'tpl.ph.gestor': "The gestor's name", 'tpl.ph.agencia': "The agency's name",
  'tpl.ph.acreedor': "The account's lender", 'tpl.ph.contrato': "The account's reference", 'tpl.ph.telefono': "The agency's phone",
  'tpl.ph.monto': "The promise's amount", 'tpl.ph.fecha': "The promise's date",
  'domain.bad_template': 'Template "{template}": {problem}', 'tpl.fault': 'This template: {problem}',
  'tpl.problem.code': 'the code is 1 to 40 lowercase letters without accents, digits or underscores (for example aviso_pago).',
  'tpl.problem.repeated': 'another template already has that code; choose another.',
  'tpl.problem.no_name': 'it needs the name the gestor picks it by.', 'tpl.problem.no_text': 'it needs a text.',
  'tpl.problem.too_long': 'the name or the text is longer than {max} characters; shorten it.',
  'tpl.problem.character': 'it contains a character that is not allowed ({character}); delete it and type the text again.',
  'tpl.problem.braces': 'every "{" closes with "}", and some text goes between two values.',
  'tpl.problem.unknown': '{placeholder} is not a value Campo fills in; use those in the list.',
  'tpl.problem.missing': 'it lacks {placeholder}: every message says who sends it, on whose behalf and where to answer.',
  'tpl.problem.missing_due': 'it lacks {placeholder}: a payment reminder says how much and by when.',
  'tpl.problem.not_collecting': 'it names {monto} or {fecha}, which only a collecting template has.',
  'tpl.problem.pressure': '"{words}" sounds like an authority or a threat: collection neither threatens nor poses as a court or the police. Word it another way.',
  'tpl.problem.reminder': 'automatic reminders use this template: it must stay in the list and name {monto} and {fecha}.',
  'tpl.problem.no_code': 'it needs the code messages name it by: type one like aviso_pago, in lowercase without accents.',
  'policy.unchanged': 'Nothing to save: version {version} stays in force.',
  'nav.workload': 'Territories', 'work.title': 'Territories and workload',
  'work.chart': 'Accounts per gestor', 'work.spread': 'Across gestores: {min} to {max} accounts (mean {mean}).',
  'work.accounts': 'Accounts', 'work.balance': 'Balance', 'work.overdue': 'Overdue',
  'work.move': 'Reassign accounts', 'work.from': 'From', 'work.anyGestor': 'Any gestor', 'work.segment': 'Segment',
  'work.segmentHint': 'e.g. alto saldo', 'work.to': 'To', 'work.choose': 'Choose a gestor', 'users.chooseTeam': 'Choose a team', 'users.chooseRegion': 'Choose a region',
  'work.noRegions': 'You have no regions yet: an admin gives each coordinator their regions under Users. Once you have one, its gestores and their workload show here.', 'work.chooseTo': 'Choose the gestor the accounts go to.',
  'work.preview': 'See what would change',
  'work.summary': '{n} accounts would go to {gestor}.', 'work.summary_one': '1 account would go to {gestor}.',
  'work.moving': 'Balance moving: {balance}; overdue: {overdue}.',
  'work.already': '{n} of those selected are theirs already and stay.', 'work.already_one': '1 of those selected is theirs already and stays.',
  'work.unsent': 'What a gestor recorded and has not sent yet is kept: it arrives with their next sync, marked as recorded after the reassignment.',
  'work.now': 'Now', 'work.after': 'After', 'work.apply': 'Reassign {n} accounts', 'work.apply_one': 'Reassign 1 account',
  'work.applied': '{n} accounts went to {gestor}. Devices see it with their next sync.',
  'work.applied_one': '1 account went to {gestor}. Devices see it with their next sync.',
  'work.undo': 'Undo this reassignment ({n})', 'work.undone': 'Reassignment undone: {n} accounts went back to their gestor.',
  'work.undone_one': 'Reassignment undone: 1 account went back to its gestor.',
  'work.stale': 'The accounts changed since the preview. It was worked out again: check it before applying.',
  'work.recent': 'Recent reassignments', 'work.when': 'When', 'work.by': 'By', 'work.undoShort': 'Undo', 'work.undoneAt': 'Undone {at}',
  'work.list': 'See the accounts', 'work.account': 'Account', 'work.name': 'Name',
  'work.pickHint': 'Tick the ones to move; if you tick none, every account the filters take moves.',
  'work.firstOnly': 'Showing the first {shown} of {total}, by account number: narrow the filters to see the rest.',
  'work.listedAll': '{total} accounts, by account number.', 'work.listedAll_one': '1 account.',
  'work.noneListed': 'No account matches these filters.',
  'work.picked': '{n} accounts ticked: only those will move.', 'work.picked_one': '1 account ticked: only that one will move.',
  'work.pickAll': 'Tick every account shown', 'work.pick': 'Move {account}',
  'refusal.cross_site': 'The request did not come from the console: open it again from its address.',
  'refusal.gestor_inactive': '{name} is deactivated: choose an active gestor.',
  'refusal.gestor_without_team': 'That gestor has no team and so no region: ask an admin to put them in a team.',
  'refusal.territory_without_currency': "The gestor's region has no currency yet: ask an admin to set it.",
  'refusal.other_country': "The accounts are in {account} and the gestor's team works in {team}: accounts do not move between countries. Choose a gestor in the same country.",
  'refusal.outside_your_territories': 'You can move accounts only between gestores of the regions you coordinate.',
  'refusal.already_undone': 'This reassignment was undone already.',
  'refusal.changed_since': '{n} of the {total} accounts changed since the reassignment (new work, or moved again), so it cannot be undone whole. Reassign them again if needed.',
  'refusal.changed_since_one': '1 of the {total} accounts changed since the reassignment (new work, or moved again), so it cannot be undone whole. Reassign it again if needed.',
  'refusal.deactivate_yourself': 'You cannot deactivate yourself: ask another admin.',
  'nav.kpis': 'KPIs', 'kpi.title': 'Team KPIs',
  'kpi.period': 'From {from} to {to} · {n} gestores.', 'kpi.period_one': 'From {from} to {to} · 1 gestor.',
  'kpi.visits_per_day': 'Visits per day worked', 'kpi.right_party_rate': 'Right-party contact',
  'kpi.promise_rate': 'Promises per contact', 'kpi.promised': 'Amount promised', 'kpi.kept_rate': 'Promises kept',
  'kpi.collected': 'Amount collected', 'kpi.recovery_rate': 'Recovery',
  'kpi.daily': 'Visits and calls per day', 'kpi.top': 'scale: {n}', 'kpi.visits': 'Visits', 'kpi.calls': 'Calls',
  'kpi.table': 'Show the table', 'kpi.day': 'Day', 'kpi.rightParty': 'Right-party contacts', 'kpi.promises': 'Promises',
  'kpi.byGestor': 'By gestor', 'kpi.currency': 'Currency', 'kpi.compare': 'Compare', 'kpi.everyone': 'Everyone',
  'kpi.definitions': 'Right-party contact: visits and calls that reached the debtor, over all of them. Promises per contact: visits and calls that ended in a promise to pay, over right-party contacts. Promises kept: of those due in the period and already settled, the ones paid in full (a part payment does not count). Collected: payments in the period on the accounts each gestor holds. Recovery: collected over collected plus what they still hold overdue.',
  'log.afterIntro': 'Visits, calls and promises a gestor recorded once the account was already someone else\'s, not yet reviewed: they were kept; check whether the current gestor should know.',
  'conflicts.intro': 'Two versions changed the same detail without seeing each other. Campo kept one and set the other aside: nothing was lost. Compare and choose.',
  'conflicts.empty': 'No conflicts to settle.', 'conflicts.count': '{n} conflicts to settle.', 'conflicts.count_one': '1 conflict to settle.',
  'conflicts.title': '{kind} · {debtor}', 'conflicts.meta': 'Gestor: {gestor} · merged on {at}', 'conflicts.noGestor': 'no gestor',
  'conflicts.open': 'Compare versions', 'conflicts.close': 'Close',
  'conflicts.field': 'Detail', 'conflicts.now': 'Current version', 'conflicts.lost': 'Version set aside', 'conflicts.take': 'Take back',
  'conflicts.takeThis': 'Take back {field} from the version set aside',
  'conflicts.deleted': 'Deleted', 'conflicts.notDeleted': 'Still current', 'conflicts.wasDeleted': 'Someone deleted it',
  'conflicts.keep': 'Keep the current version', 'conflicts.takeChosen': 'Take back what is ticked ({n})',
  'conflicts.takeAll': 'Tick everything set aside',
  'conflicts.kept': 'Settled: {debtor} keeps the current version.',
  'conflicts.took': 'Settled: what was ticked is back on {debtor}. {gestor} gets it with their next sync.',
  'conflicts.stale': 'The record changed or someone already settled this conflict. It was reloaded: look at it again.',
  'conflicts.deceased': 'Deceased', 'conflicts.segment': 'Segment', 'conflicts.status': 'Status', 'conflicts.amount': 'Amount',
  'conflicts.dueOn': 'Due', 'conflicts.nextAction': 'Next action',
  'plan.title': 'Payment plan', 'plan.total': 'Total to pay', 'plan.discount': 'Discount (forgiven)',
  'plan.count': 'Number of payments', 'plan.frequency': 'How often', 'plan.firstDue': 'First payment',
  'frequency.weekly': 'Weekly', 'frequency.fortnightly': 'Fortnightly', 'frequency.monthly': 'Monthly',
  'plan.balance': 'Account balance: {balance}.', 'plan.schedule': 'Payments',
  'plan.settles': 'With the discount, paying this plan settles the debt.',
  'plan.partial': 'A partial agreement: paying this plan does not settle the debt ({rest} remain).',
  'plan.within': 'A discount of {percent}% of the balance: within your limit ({max}%). The plan is in force once saved.',
  'plan.needsApproval': 'A discount of {percent}% of the balance: above your limit ({max}%). It goes to your supervisor and is in force once approved.',
  'plan.save': 'Save plan', 'plan.request': 'Send for approval', 'plan.cancel': 'Cancel',
  'plan.savedActive': 'Plan saved and in force. It is sent with the next sync.',
  'plan.savedRequested': 'Plan saved. It goes to your supervisor with the next sync.',
  'plan.installment': '{date}: {amount}',
  'entry.plan': 'Plan of {n} payments ({frequency}) for {amount}', 'entry.planDiscount': 'discount of {amount}',
  'approval.not_needed': 'In force', 'approval.requested': 'Waiting for the supervisor',
  'approval.approved': 'Approved by your supervisor', 'approval.rejected': 'Rejected by your supervisor',
  'approval.countered': "Your supervisor's counter-offer: new terms", 'approval.accepted': 'Counter-offer accepted: in force',
  'plan.comment': 'Comment: "{comment}"', 'plan.acceptCounter': 'The debtor accepts the counter-offer',
  'agreement.show': 'See the agreement', 'agreement.savePdf': 'Save as PDF', 'agreement.close': 'Close',
  'agreement.saved': 'PDF saved in {path}. You can send or print it from there.',
  'agenda.title': "Today's agenda", 'agenda.promisesDue': 'Promises due today', 'agenda.broken': 'Broken promises',
  'agenda.followUps': 'Follow-ups', 'agenda.done': 'Done today', 'agenda.total': 'Accounts',
  'agenda.empty': 'No accounts on this device.',
  'agenda.due': 'Due today', 'agenda.nothingDue': 'Nothing is due today: carry on with the rest, by priority.',
  'agenda.rest': 'The rest of the portfolio', 'agenda.doneToday': 'Done today ({n})',
  'agenda.filtered': 'Only: {what}.', 'agenda.showAll': 'Show all', 'agenda.route': "Today's route",
  'agenda.promisedToday': 'Promised for today: {amount}', 'agenda.noneFiltered': 'No accounts.',
  'factor.promise_broken': 'promise broken {n} days ago', 'factor.promise_broken_one': 'promise broken yesterday',
  'factor.promise_broken_today': 'promise broken today',
  'factor.promise_due_today': 'promise due today',
  'factor.follow_up_due': 'follow-up {n} days late', 'factor.follow_up_due_one': "yesterday's follow-up",
  'factor.follow_up_due_today': 'follow-up due today',
  'factor.promise_in_grace': 'promise due {n} days ago, in its grace period',
  'factor.promise_in_grace_one': 'promise due yesterday, in its grace period',
  'factor.days_past_due': '{n} days past due', 'factor.days_past_due_one': '1 day past due',
  'factor.overdue': '{amount} overdue', 'factor.no_contact': 'no contact for {n} days',
  'factor.no_contact_one': 'no contact since yesterday', 'factor.no_contact_never': 'never contacted',
  'factor.segment': 'segment {segment}', 'factor.dispute': 'in dispute: no collection',
  'factor.deceased': 'debtor deceased: no collection',
  'worked.visit': 'Visit {time}', 'worked.call': 'Call {time}',
  'route.title': "Today's route", 'route.back': 'Back to the agenda', 'route.fromHere': 'Order from my location',
  'route.locating': 'Finding location…',
  'route.fromPosition': 'From your location.', 'route.fromFirst': 'Without your location, it starts at the first stop.',
  'route.summary': '{n} visits · {length}', 'route.summary_one': '1 visit · {length}',
  'route.versus': 'In priority order it would be {length}.',
  'route.empty': 'No visits today with a located address.',
  'route.leg': '{distance} away', 'route.legFirst': 'first stop', 'route.open': 'Open in maps',
  'route.unplaced': 'Not on the plot ({n}): open them and visit them by their address.',
  'route.plot': 'Plot of the route with {n} stops, no map behind it; the list gives the order and distances.',
  'route.you': 'You',
  'promiseStatus.pending': 'Pending', 'promiseStatus.kept': 'Kept', 'promiseStatus.partially_kept': 'Partly kept',
  'promiseStatus.broken': 'Broken', 'promiseStatus.cancelled': 'Cancelled',
  'entry.cancel': 'Cancel promise', 'entry.cancelPlan': 'Cancel plan', 'entry.cancelConfirm': 'Cancel this promise? It stays in the history as cancelled.',
  'entry.cancelPlanConfirm': 'Cancel this plan? Its pending payments are no longer expected; the plan stays in the history as cancelled.',
  'entry.cancelYes': 'Yes, cancel it', 'entry.cancelNo': 'No',
  'portfolio.title': 'Portfolio', 'portfolio.search': 'Search by name, reference, phone or address',
  'portfolio.count': '{shown} of {total} accounts', 'portfolio.anyRegion': 'All regions',
  'portfolio.region': 'Region {n}', 'portfolio.anySegment': 'All segments', 'portfolio.anyBucket': 'Any days past due',
  'portfolio.dispute': 'In dispute', 'portfolio.doNotVisit': 'Do not visit', 'portfolio.withPromise': 'With a promise',
  'bucket.current': 'Current', 'bucket.d1_to30': '1–30 days', 'bucket.d31_to60': '31–60 days',
  'bucket.d61_to90': '61–90 days', 'bucket.d91_to120': '91–120 days', 'bucket.over120': 'Over 120 days',
  'debtor.add': 'Add something they gave you', 'debtor.add.phone': 'Phone', 'debtor.add.email': 'Email',
  'debtor.add.address': 'Address', 'debtor.add.value': 'Value', 'debtor.add.save': 'Add',
  'debtor.add.done': 'Added. It goes with the next sync.',
  'debtor.bucket': 'Bucket', 'debtor.sbs': 'SBS rating',
  'sbs.normal': 'Normal', 'sbs.cpp': 'CPP (potential problems)', 'sbs.deficiente': 'Deficient', 'sbs.dudoso': 'Doubtful', 'sbs.perdida': 'Loss',
  'debtor.balance': 'Balance', 'debtor.overdue': 'Overdue', 'debtor.minimum': 'Minimum payment', 'debtor.dpd': 'Days past due',
  'debtor.phones': 'Phones', 'debtor.addresses': 'Addresses', 'debtor.timeline': 'History',
  'debtor.noTimeline': 'No activity recorded.', 'debtor.back': 'Back',
  'flag.dispute': 'In dispute: no collection pressure', 'flag.deceased': 'Deceased', 'flag.do_not_visit': 'Do not visit',
  'kind.visit': 'Visit', 'kind.call': 'Call', 'kind.promise': 'Promise to pay', 'kind.payment': 'Payment', 'kind.review': 'Review',
  'kind.debtor': 'Account',
  'verdict.approved': 'Approved', 'verdict.follow_up': 'Needs follow-up', 'verdict.questioned': 'Questioned',
  'entry.pending': 'Not sent', 'entry.rejected': 'Rejected: {reason}', 'entry.afterReassignment': 'Recorded after reassignment',
  'form.record': 'Record a {kind}', 'form.fix': 'Correct a {kind}', 'entry.fix': 'Correct', 'form.outcome': 'Outcome', 'form.notes': 'Notes', 'form.nextAction': 'Next action',
  'form.started': 'Start', 'form.ended': 'End', 'form.lat': 'Latitude', 'form.lon': 'Longitude', 'form.accuracy': 'Accuracy (m)',
  'form.positionHint': 'Your location is saved with the visit. If the device gives none, type it (it is marked as typed) or leave it empty.',
  'form.locate': 'Use my location', 'form.locating': 'Finding location…',
  'form.located': 'Location from the device. It is saved with the visit.',
  'form.locate_unavailable': 'This device gives no location now. Type it (it is marked as typed) or leave it empty.',
  'form.locate_denied': 'The app has no location permission. Grant it in the device settings, or type the position.',
  'form.number': 'Number', 'form.direction': 'Call direction', 'form.outbound': 'Outgoing', 'form.inbound': 'Incoming',
  'form.duration': 'Duration (minutes)', 'form.amount': 'Amount', 'form.dueOn': 'Payment date', 'form.save': 'Save',
  'form.cancel': 'Cancel', 'form.saved': 'Saved on the device. It will be sent when you sync.',
  'form.chooseOutcome': 'Choose an outcome',
  'input.required': '{field}: missing. Type it to save.',
  'input.choose': '{field}: choose one from the list.',
  'input.not_a_number': '{field}: type a number only, for example {example}.',
  'input.not_a_whole_number': '{field}: type a whole number, for example {example}.',
  'input.not_an_amount': '{field}: type the amount in figures, for example 1,500.50.',
  'input.negative': '{field}: cannot be negative.',
  'input.zero': '{field}: must be more than zero.',
  'input.too_many_decimals': '{field}: use at most 2 decimals.',
  'input.ambiguous_amount': '{field}: which did you mean? Tap the right amount.',
  'input.half_position': '{field}: missing. Type both latitude and longitude, or leave both empty.',
  'input.accuracy_required': '{field}: type how many metres the position may be off (for example 20), or leave the position empty.',
  'input.not_a_date': '{field}: type the date as day/month/year, for example {example}.',
  'input.no_such_day': '{field}: that date does not exist. Check the day and month (day/month/year).',
  'input.year_out_of_range': '{field}: check the year (day/month/year, for example {example}).',
  'input.willSave': 'Will be saved as: {value}',
  'input.fixFields': 'Check the fields marked.',
  'form.datePlaceholder': 'dd/mm/yyyy', 'form.minutesSeconds': '{m} min {s} s',
  'confirm.title': 'Before saving, please confirm:',
  'confirm.past_next_action': 'The next action ({date}) is before today.',
  'confirm.far_date': 'The date ({date}) is more than a year away.',
  'confirm.above_balance': "The promise ({amount}) is more than the account's balance ({balance}).",
  'confirm.open_promise': 'The account already has an open promise of {amount} due {due_on}.',
  'confirm.yes': 'Yes, save it', 'confirm.no': 'Change it',
  'portfolio.more': 'Show {n} more',
  'first.unreachable': 'Could not connect to {server}. Check the address and that there is signal, then try again.',
  'first.notCampo': '{server} does not answer as a Campo server. Check the address; on a public Wi-Fi network, accept its terms first.',
  'offline.banner': 'Offline. Not sent: {n}. Everything will be sent when there is signal.',
  'settings.stay': 'Cancel',
  'sync.merged': '{n} were joined with changes made at the office or on another device.',
  'sync.rejectedSome': '{n} were not accepted: see the notices.',
  'notice.revoked': '{account} was reassigned to another collector and is no longer on this device.',
  'notice.revokedWaiting': '{account} was reassigned to another collector; your {n} pending records on it will still be sent.',
  'notice.accountOf': "{debtor}'s account", 'notice.anAccount': 'An account you held',
  'notice.rejected': 'The server did not accept your {record} on {debtor}: {reason}',
  'notice.after_reassignment': 'Your {record} on {debtor} was saved, though the account is now assigned to another collector.',
  'notice.conflict': 'Your change to {debtor} met another made at the same time and the other value may stand; yours stays in the history, where your supervisor can see it.',
  'notice.someAccount': 'an account no longer on this device',
  'notice.record': 'record',
  'rejection.invalid_record': 'the data is not valid',
  'rejection.not_found': 'the account is no longer in your portfolio',
  'rejection.not_allowed': 'you may not make that change',
  'rejection.promise_status': "a promise's status is worked out by the server from the payments; you can only cancel it",
  'rejection.plan_approval': "a plan's approval and terms are your supervisor's; a discount above your limit goes as a request",
  'rejection.plan_balance': "the account's balance changed since you worked out the plan; work it out again on the new balance",
  'error.bad_answer': 'The server answered something the app does not understand (a Wi-Fi network asking you to accept its terms?). Your work is saved; try again on another network.',
  'error.interrupted': 'The app stopped a task because of an internal fault. Your work is saved; try again and, if it happens again, tell your supervisor.',
  'settings.confirmDiscard_one': '1 unsent record will be lost. Sign out anyway?',
  'settings.discard_one': 'Yes, lose 1 record',
  'sync.merged_one': '1 was joined with changes made at the office or on another device.',
  'sync.rejectedSome_one': '1 was not accepted: see the notices.',
  'notice.revokedWaiting_one': '{account} was reassigned to another collector; your pending record on it will still be sent.',
  'refusal.other_record': 'That record belongs to another account. Open the account again and record it anew.',
  'refusal.may_not_create': 'The app cannot record this: {record}. The lender or your supervisor enters those.',
  'refusal.may_not_edit': 'The app cannot change this: {record}.',
  'refusal.promise_status': "A promise's status is worked out by the server from the lender's payments; the app can only cancel it.",
  'refusal.lender_field': "The account's \"{field}\" is kept by the lender; the app cannot change it.",
  'refusal.plan_approval': "A plan's approval is your supervisor's decision: the app only asks for it or, after a counter-offer, accepts it.",
  'refusal.discount_needs_approval': 'A discount above {max_percent}% of the balance needs your supervisor\'s approval: send the plan as a request.',
  'refusal.plan_balance': "The account's balance is now {balance}: work the plan out again on it.",
  'refusal.plan_decided': 'Your supervisor has decided this plan and its terms stay. If the debtor needs others, cancel it and propose a new plan.',
  'breach.outside_hours': "It is {local} for the debtor: contact is allowed only from {from} to {until}, the debtor's time.",
  'breach.weekend': 'It is the weekend for the debtor, and the policy allows no contact on Saturdays or Sundays.',
  'breach.holiday': 'It is a public holiday for the debtor ({name}), and the policy allows no contact.',
  'breach.too_often_today': 'This debtor was already approached {cap} times today, as many as the policy allows.',
  'breach.too_often_this_week': 'This debtor was already approached {cap} times in the last 7 days, as many as the policy allows.',
  'breach.too_many_visits_this_week': 'This debtor was already visited {cap} times in the last 7 days, as many as the policy allows.',
  'breach.do_not_visit': 'The account is marked "Do not visit".',
  'breach.deceased': "The debtor has died: nobody is contacted about this account.",
  'breach.in_dispute': 'The account is in dispute: only the dispute is discussed, no collecting.',
  'breach.third_party': 'The debt may not be discussed with that person: only leave a message or note they were out.',
  'kind.message': 'Message',
  'breach.reminder_in_dispute': 'The account is in dispute: no payment reminders are sent.',
  'breach.not_the_debtors_number': "Messages go only to the debtor's own numbers and email addresses, so nobody else learns of the debt.",
  'message.title': 'Send a message', 'message.channel': 'By', 'message.sms': 'SMS', 'message.whatsapp': 'WhatsApp',
  'message.email': 'Email', 'message.to': 'To', 'message.subject': 'Subject', 'message.template': 'Message',
  'message.hint': 'The texts already say who you are, the agency and the lender, and go only to the debtor\'s numbers and addresses.',
  'message.fromPhone': 'Send from my phone', 'message.queue': 'Send through the server',
  'message.queueHint': "The server sends it within the debtor's contact hours.",
  'message.none': 'There are no messages to send this account.',
  'delivery.opened': 'opened on the phone', 'delivery.queued': 'queued on the server', 'delivery.sent': 'sent',
  'delivery.sending': 'being sent',
  'breach.not_from_template': 'The message is not one of the approved templates; pick it from the list.',
  'delivery.failed': 'could not be sent: {reason}',
  'entry.message': '{channel} to {to} — {delivery}',
  'debtor.call': 'Call', 'debtor.whatsapp': 'WhatsApp', 'debtor.emails': 'Emails', 'debtor.write': 'Write',
  'breach.nobody_named': 'Say who you spoke with.',
  'breach.not_identified': 'Confirm you identified yourself before discussing the account.',
  'refusal.contact': '{reasons}',
  'refusal.contact_justifiable': 'If there is a reason (the debtor asked for it, say), write it under "Justification": it will be saved flagged for your supervisor.',
  'rejection.contact_rule': 'it breaks the contact rules',
  'domain.empty_contact_window': 'The contact window must open before it closes ({from}–{until}).',
  'domain.zero_cap': '{field}: must allow at least one attempt.',
  'domain.debtor_must_hear': 'The debtor may always discuss their own debt.',
  'domain.not_bound_to_the_debt': '{name}: only co-obligors and guarantors are listed on an account.',
  'form.reached': 'Who did you speak with?', 'form.chooseReached': 'Choose one',
  'reached.nobody': 'Nobody (no answer, not in)', 'reached.debtor': 'The debtor, {name}',
  'reached.co_obligor': 'Co-obligor {name}', 'reached.guarantor': 'Guarantor {name}',
  'reached.other': 'Someone else (family, neighbour, co-worker)',
  'form.identification': 'Identification', 'form.scriptTitle': 'Before you talk, identify yourself:',
  'script.debt': '"Good morning, I am {gestor}{agency}. I am calling on behalf of {lender} about your {product}, contract {contract}."',
  'script.neutral': '"Good morning, I am {gestor}. I am looking for {debtor} on a personal matter. Could you ask them to get in touch {callback}?"',
  'script.agency': ', from {agency}', 'script.agencyPhone': ', from {agency} (phone {phone})',
  'script.lenderUnknown': 'the lender', 'script.callbackPhone': 'at {phone}', 'script.callback': 'with me',
  'script.neutralHint': 'The debt is not discussed with this person: only leave a message or note they were out.',
  'form.identified': 'I identified myself as the text says',
  'form.justification': 'Justification',
  'form.justificationHint': 'Only if there is a reason, for example: the debtor asked to be called at this hour. It is saved flagged for your supervisor.',
  'product.credit_card': 'credit card', 'product.personal_loan': 'personal loan', 'product.payroll_loan': 'payroll loan',
  'product.microcredit': 'microcredit', 'product.auto_loan': 'car loan',
  'debtor.lender': 'Lender', 'debtor.related': 'Co-obligors and guarantors',
  'role.co_obligor': 'Co-obligor', 'role.guarantor': 'Guarantor', 'role.debtor': 'Debtor', 'role.other': 'Someone else',
  'entry.reached': 'With: {party}', 'entry.justified': 'Justified: {reason}',
  'entry.distance': '{distance} from the address', 'entry.typedPosition': 'position typed by hand',
  'form.photos': 'Photos', 'form.addPhoto': 'Add photo', 'form.attaching': 'Saving photo…', 'form.removePhoto': 'Remove',
  'form.photoHint': 'Up to {max} per visit. They are kept on the device and sent after the visit.',
  'photo.alt': 'Photo of the visit', 'photo.missing': 'Photo on the server: it shows once there is signal',
  'domain.photo_too_large': 'The photo is too large ({bytes} bytes; at most {max}). Take another at a lower resolution.',
  'domain.not_a_photo': 'That file is not a photo (JPEG, PNG or WebP).',
  'domain.too_many_photos': 'A visit carries up to {max} photos.',
  'sync.photosWaiting': 'Photos to send',
  'input.unconfirmed': '{field}: tick the box once you have identified yourself.',
  'sync.title': 'Sync', 'sync.pending': 'Records not sent', 'sync.rejected': 'Rejected',
  'sync.last': 'Last sync', 'sync.never': 'Never', 'sync.now': 'Sync now', 'sync.running': 'Syncing…',
  'sync.result': 'Sent {sent}; received {pulled}.',
  'sync.granted': 'New accounts assigned: {n}', 'sync.revoked': 'Accounts reassigned to another collector: {n}',
  'sync.notices': 'Notices', 'sync.dismiss': 'Got it',
  'settings.title': 'Settings', 'settings.language': 'Language', 'settings.server': 'Server', 'settings.user': 'User',
  'settings.signOut': 'Sign out', 'settings.confirmDiscard': '{n} unsent records (visits, calls, promises, messages or photos) will be lost. Sign out anyway?',
  'settings.discard': 'Yes, lose {n} records', 'settings.keep': 'No, sync first',
  'error.not_signed_in': 'Sign in to start.',
  'error.sign_in_again': 'Your session ended. Sign in again; your pending work is kept.',
  'error.other_user_pending': 'This device holds unsent work by {login}. They must sign in and sync first.',
  'error.offline': 'No connection to the server. Your work is saved and will be sent when there is signal.',
  'error.server': 'The server answered: {message}',
  'server.unauthorized': 'Wrong user name or password. Check them and try again.',
  'server.too_many_attempts': 'Too many failed attempts. Wait a few minutes and try again.',
  'error.not_found': '{what} was not found on this device.',
  'error.not_allowed': 'Not allowed: {message}',
  'error.unsent_work': '{records} records are not sent yet. Sync before signing out.',
  'error.storage': 'The device could not read or save ({message}). Restart the app; if it persists, tell your supervisor.',
  'error.unknown': 'Something went wrong: {message}',
  'domain.negative_amount': '{field}: the amount cannot be negative.',
  'domain.zero_amount': '{field}: the amount must be more than zero.',
  'domain.too_many_decimals': '{field}: use at most 2 decimals.',
  'domain.currency_mismatch': "Currency {found} is not the account's ({expected}).",
  'domain.latitude_out_of_range': 'Latitude {value} is out of range (−90 to 90).',
  'domain.longitude_out_of_range': 'Longitude {value} is out of range (−180 to 180).',
  'domain.invalid_accuracy': 'GPS accuracy {value} is not valid.',
  'domain.unknown_outcome': 'Choose an outcome from the list.',
  'domain.outcome_not_for_channel': 'That outcome does not apply to a {channel}.',
  'domain.promise_due_in_past': 'The payment date ({due_on}) cannot be before today ({made_on}).',
  'domain.installments_do_not_add_up': 'The instalments add up to {total}, but the promise is for {amount}.',
  'domain.installments_out_of_order': 'Instalments must be in date order, the last one due with the promise.',
  'domain.empty_text': '{field}: cannot be empty.',
  'domain.text_too_long': '{field}: at most {max} characters.',
  'domain.forbidden_character': '{field}: contains a character that is not allowed ({character}); delete it and type the text again.',
  'domain.invalid_phone': 'Phone {value} is not valid.',
  'domain.grace_too_long': 'Grace days cannot be more than {max}.',
  'domain.segment_points_out_of_range': 'A segment adds or takes at most {max} priority points.',
  'domain.out_of_range': '{field}: from {min} to {max}.',
  'domain.breakdown_does_not_add_up': "Principal, interest and fees do not add up to the account's balance ({balance}).",
  'domain.plan_over_balance': "The plan ({amount}) plus the discount ({discount}) is more than the account's balance ({balance}). Lower the total or the discount.",
  'domain.discount_limit_out_of_range': 'A discount limit is between 0% and 100%.',
  'domain.installment_count': 'A plan has 1 to {max} installments.',
  'domain.invalid_email': 'Email {value} is not valid: write it as name@domain.com.',
  'domain.recipient_not_for_channel': '{to} does not suit this channel: an email goes to an email address; an SMS or WhatsApp, to a phone.',
  'domain.unknown_zone': 'Unknown time zone: {value}.',
  'domain.ends_before_start': 'The end time is before the start time.',
  'domain.exceeds_balance': '{field} cannot exceed the balance.',
  'domain.malformed': 'Check the form: {message}',
};

const esPE: Partial<Record<Key, string>> = { 'debtor.dpd': 'Días de mora', 'debtor.overdue': 'Monto vencido' };

const tables: Record<Lang, Record<Key, string>> = { 'es-MX': es, 'es-PE': { ...es, ...esPE }, en };

/**
 * The sentence `key` in `lang`, with `{name}` placeholders filled from `vars`.
 * Where a count `n` of 1 reads differently, the table has a `key_one` form.
 */
export function t(lang: Lang, key: Key, vars: Record<string, unknown> = {}): string {
  const one = `${key}_one` as Key;
  const chosen = vars.n === 1 && one in es ? one : key;
  return tables[lang][chosen].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

/** Contact outcomes in plain words, in the order the forms list them. */
export const OUTCOMES: Record<string, { es: string; en: string; visit: boolean; call: boolean }> = {
  right_party_contact: { es: 'Hablé con el titular', en: 'Spoke with the debtor', visit: true, call: true },
  third_party_contact: { es: 'Atendió otra persona', en: 'Someone else answered', visit: true, call: true },
  no_answer: { es: 'Nadie atendió', en: 'No answer', visit: true, call: true },
  voicemail: { es: 'Buzón de voz', en: 'Voicemail', visit: false, call: true },
  busy: { es: 'Ocupado', en: 'Busy', visit: false, call: true },
  invalid_number: { es: 'Número equivocado o inexistente', en: 'Invalid number', visit: false, call: true },
  not_located: { es: 'No se localizó el domicilio', en: 'Address not found', visit: true, call: false },
  moved: { es: 'Ya no vive ahí', en: 'Moved away', visit: true, call: false },
  wrong_address: { es: 'Dirección equivocada', en: 'Wrong address', visit: true, call: false },
  refused_to_pay: { es: 'Se negó a pagar', en: 'Refused to pay', visit: true, call: true },
  promise_to_pay: { es: 'Prometió pagar', en: 'Promised to pay', visit: true, call: true },
  payment_reported: { es: 'Dice que ya pagó', en: 'Reports having paid', visit: true, call: true },
  dispute_raised: { es: 'No reconoce la deuda (aclaración)', en: 'Disputes the debt', visit: true, call: true },
  hardship_declared: { es: 'Declaró dificultad económica', en: 'Declared hardship', visit: true, call: true },
  deceased: { es: 'El titular falleció', en: 'Debtor deceased', visit: true, call: true },
};

export function outcomeLabel(lang: Lang, code: string): string {
  const o = OUTCOMES[code];
  return o ? (lang === 'en' ? o.en : o.es) : code;
}

/**
 * An amount (a decimal string, never a float) with its currency symbol and
 * thousands separators: "$12,345.60" for MXN, "S/ 12,345.60" for PEN.
 */
export function formatMoney(amount: string, currency: Currency): string {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (fraction + '00').slice(0, 2);
  const symbol = currency === 'PEN' ? 'S/ ' : '$';
  return `${negative ? '−' : ''}${symbol}${grouped}.${cents}`;
}

/** The locale the app formats dates in. Its English keeps the day first, as in Mexico and Peru. */
const LOCALES: Record<Lang, string> = { 'es-MX': 'es-MX', 'es-PE': 'es-PE', en: 'en-GB' };

/** A calendar date ("2026-12-01") as the app shows it: "1 dic 2026", "1 Dec 2026". */
export function formatDate(lang: Lang, iso: string, style: 'short' | 'long' = 'short'): string {
  const [year, month, day] = iso.split('-').map(Number);
  const options: Intl.DateTimeFormatOptions = style === 'long'
    ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
    : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(LOCALES[lang], options).format(new Date(Date.UTC(year, month - 1, day)));
}

/** A distance as a person says it: "850 m" up to a kilometre, "9.3 km" beyond. */
/** A percentage as the language writes it: "47.8 %" in Spanish, "47.8%" in English. */
export function formatPercent(lang: Lang, percent: string | number): string {
  const n = Number(percent).toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return lang === 'en' ? `${n}%` : `${n}\u00a0%`;
}

export function formatDistance(lang: Lang, metres: number): string {
  if (metres < 1000) return `${Math.round(metres)} m`;
  const km = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: metres < 10_000 ? 1 : 0 }).format(metres / 1000);
  return `${km} km`;
}

/** An instant as the app shows it, in this device's time: "1 dic 2026, 14:05". */
export function formatInstant(lang: Lang, at: string): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })
    .format(new Date(at));
}

/**
 * English names for the fields the domain names in Spanish (the `field` of a
 * DomainError, the same label the Spanish screens use).
 */
const FIELDS_EN: Record<string, string> = {
  monto: 'amount', notas: 'notes', comentario: 'comment', saldo: 'balance', vencido: 'overdue amount',
  'mínimo': 'minimum payment', nombre: 'name', segmento: 'segment', referencia: 'reference',
  'dirección': 'address', texto: 'text',
  // The contact policy's, as its checks name them (core/src/contact/policy.rs).
  'intentos por día': 'attempts per day', 'intentos por semana': 'attempts per week', 'visitas por semana': 'visits per week',
  'días de aviso': 'days of notice', incumplimientos: 'broken promises', plantillas: 'templates', 'distancia al domicilio': 'distance from the address',
  'contactos por semana a señalar': 'contacts per week to flag', 'nombre del territorio': "region's name", 'nombre del equipo': "team's name",
};

/** An account's field as the screens call it: the rules name it by its key ("balance"). */
const ACCOUNT_FIELDS: Record<string, { es: string; en: string }> = {
  external_ref: { es: 'referencia', en: 'reference' }, name: { es: 'nombre', en: 'name' },
  national_id: { es: 'identificación', en: 'national id' }, product: { es: 'producto', en: 'product' },
  currency: { es: 'moneda', en: 'currency' }, balance: { es: 'saldo', en: 'balance' },
  overdue: { es: 'vencido', en: 'overdue amount' }, minimum_payment: { es: 'pago mínimo', en: 'minimum payment' },
  overdue_since: { es: 'atraso desde', en: 'overdue since' }, segment: { es: 'segmento', en: 'segment' },
  territory: { es: 'región', en: 'region' }, zone: { es: 'zona horaria', en: 'time zone' },
  dispute: { es: 'en aclaración', en: 'in dispute' }, deceased: { es: 'fallecido', en: 'deceased' },
  do_not_visit: { es: 'no visitar', en: 'do not visit' }, eliminado: { es: 'eliminada', en: 'deleted' },
};

function accountField(lang: Lang, key: string): string {
  const known = ACCOUNT_FIELDS[key];
  return known ? (lang === 'en' ? known.en : known.es) : key;
}

function fieldName(lang: Lang, field: string): string {
  return lang === 'en' ? (FIELDS_EN[field] ?? field) : field;
}

const FIELD_LABELS: Record<Field, Key> = {
  outcome: 'form.outcome', number: 'form.number', minutes: 'form.duration', lat: 'form.lat', lon: 'form.lon',
  accuracy: 'form.accuracy', nextAction: 'form.nextAction', amount: 'form.amount', dueOn: 'form.dueOn',
  reached: 'form.reached', identified: 'form.identification',
  total: 'plan.total', discount: 'plan.discount', count: 'plan.count', firstDue: 'plan.firstDue',
  logFrom: 'log.from', logTo: 'log.to', day: 'day.day',
};
const EXAMPLES: Partial<Record<Field, string>> = {
  lat: '19.4326', lon: '-99.1332', accuracy: '20', minutes: '4', nextAction: '15/12/2026', dueOn: '15/12/2026',
  count: '6', firstDue: '15/12/2026', logFrom: '1/12/2026', logTo: '31/12/2026', day: '3/12/2026',
};
const CHOSEN: Field[] = ['outcome', 'number', 'reached'];

/** The sentence for what is wrong with `field`: it names the field and says what to do. */
export function problemMessage(lang: Lang, field: Field, problem: Problem): string {
  const key: Key = problem.code === 'required' && CHOSEN.includes(field) ? 'input.choose' : `input.${problem.code}`;
  return t(lang, key, { field: t(lang, FIELD_LABELS[field]), example: EXAMPLES[field] });
}

/** The sentence for an error from the backend, whatever shape it arrived in. */
export function errorMessage(lang: Lang, error: unknown): string {
  if (typeof error === 'object' && error !== null && 'kind' in error) {
    const e = error as DeviceError;
    if (e.kind === 'invalid') {
      if (e.code === 'bad_template') return t(lang, 'domain.bad_template', { template: e.template, problem: templateProblem(lang, e.problem) });
      const key = `domain.${e.code}` as Key;
      const vars: Record<string, unknown> = 'field' in e ? { ...e, field: fieldName(lang, e.field) } : { ...e };
      for (const date of ['due_on', 'made_on'] as const) if (typeof vars[date] === 'string') vars[date] = formatDate(lang, vars[date]);
      return key in es ? t(lang, key, vars) : t(lang, 'domain.malformed', { message: String(e.code) });
    }
    if (e.kind === 'refused') {
      // The device sends a domain error as `invalid`; the type allows it here too.
      if (e.refusal === 'invalid') return errorMessage(lang, { ...e, kind: 'invalid' });
      if (e.refusal === 'contact') {
        const reasons = breachesMessage(lang, e.breaches);
        return e.justifiable ? `${reasons} ${t(lang, 'refusal.contact_justifiable')}` : reasons;
      }
      const record = 'record_kind' in e ? t(lang, `kind.${e.record_kind}`).toLowerCase() : '';
      const field = 'field' in e ? accountField(lang, e.field) : '';
      return t(lang, `refusal.${e.refusal}`, { record, field });
    }
    // A refusal the server names by code is worded here, in the user's language.
    const serverKey = (e.kind === 'server' ? `server.${e.code}` : '') as Key;
    if (serverKey in es) return t(lang, serverKey, e);
    const key = `error.${e.kind}` as Key;
    if (key in es) return t(lang, key, e);
  }
  const message = error instanceof Error ? error.message : String(error);
  return t(lang, 'error.unknown', { message });
}

/** Why the server refused a record, in words: the domain's reason if it gave one. */
export function rejectionMessage(lang: Lang, rejection: Rejection): string {
  if (rejection.error) return errorMessage(lang, { kind: 'invalid', ...rejection.error });
  if (rejection.breaches?.length) return breachesMessage(lang, rejection.breaches);
  return t(lang, `rejection.${rejection.code}`);
}

/** A notice from sync, naming the debtor and the record in the app's language. */
export function noticeMessage(lang: Lang, notice: Notice): string {
  const debtor = notice.debtor_name ?? t(lang, 'notice.someAccount');
  const record = notice.record_kind ? t(lang, `kind.${notice.record_kind}`).toLowerCase() : t(lang, 'notice.record');
  switch (notice.kind) {
    case 'revoked': {
      const account = notice.debtor_name ? t(lang, 'notice.accountOf', { debtor }) : t(lang, 'notice.anAccount');
      return t(lang, notice.waiting > 0 ? 'notice.revokedWaiting' : 'notice.revoked', { account, n: notice.waiting });
    }
    case 'rejected': {
      const reason = notice.reason ? rejectionMessage(lang, notice.reason) : t(lang, 'rejection.invalid_record');
      return t(lang, 'notice.rejected', { record, debtor, reason });
    }
    default:
      return t(lang, `notice.${notice.kind}`, { record, debtor });
  }
}

/** Campo's own templates' names, in English while the admin keeps their Spanish name. */
const TEMPLATE_NAMES: Record<string, { es: string; en: string }> = {
  recordatorio_promesa: { es: 'Recordatorio de la promesa', en: 'Promise reminder' },
  seguimiento_visita: { es: 'Seguimiento de la visita', en: 'Visit follow-up' },
  solicitud_contacto: { es: 'Pedir que se comunique', en: 'Ask them to get in touch' },
};

/** A message template's name as the gestor picks it: the admin's, in Spanish. */
export function templateLabel(lang: Lang, template: Pick<Template, 'code' | 'name'>): string {
  const own = TEMPLATE_NAMES[template.code];
  if (lang === 'en' && own?.es === template.name) return own.en;
  return template.name.trim() || template.code;
}

/** A template's placeholders as its text writes them, for messages that name them. */
const BRACED: Record<string, string> = Object.fromEntries(PLACEHOLDERS.map((p) => [p, `{${p}}`]));

/** What is wrong with a template, after its code. */
export function templateProblem(lang: Lang, problem: TemplateProblem): string {
  const key: Key = problem.problem === 'missing' && ['{monto}', '{fecha}'].includes(problem.placeholder)
    ? 'tpl.problem.missing_due' : `tpl.problem.${problem.problem}`;
  return t(lang, key, { ...BRACED, ...problem });
}

/** A text of the template editor that names placeholders. */
export function templateHelp(lang: Lang, key: 'tpl.intro' | 'tpl.collects'): string {
  return t(lang, key, BRACED);
}

/** A contact rule the visit or call would break, in the app's language. */
export function breachMessage(lang: Lang, breach: Breach): string {
  return t(lang, `breach.${breach.breach}`, breach);
}

/** Why the log flags a record, in one or two sentences. */
export function flagMessage(lang: Lang, flag: Flag): string {
  switch (flag.flag) {
    case 'far_from_address':
      return t(lang, 'flag.far_from_address', { distance: formatDistance(lang, flag.distance_m), threshold: formatDistance(lang, flag.threshold_m) });
    case 'outside_contact_window':
    case 'justified_exception': {
      const reason = flag.justification ? t(lang, 'flag.reason', { reason: flag.justification }) : t(lang, 'flag.noReason');
      return `${t(lang, `flag.${flag.flag}`, { rule: breachMessage(lang, flag.breach) })} ${reason}`;
    }
    case 'clock_skew':
      return t(lang, flag.skew_s > 0 ? 'flag.clock_behind' : 'flag.clock_ahead', { minutes: Math.round(Math.abs(flag.skew_s) / 60) });
    case 'many_contacts':
      return t(lang, 'flag.many_contacts', flag);
    case 'broken_soon':
      return t(lang, 'flag.broken_soon', flag);
    default:
      return t(lang, `flag.${flag.flag}`);
  }
}

function breachesMessage(lang: Lang, breaches: Breach[]): string {
  return breaches.map((b) => breachMessage(lang, b)).join(' ');
}

/** What the gestor says to identify themselves, as the script to read. */
export interface Identification {
  gestor: string; agency: string; agencyPhone: string; lender: string | null; contract: string; product: Product;
  debtor: string;
}

/**
 * The identification to read to whoever answered. To someone who may hear of
 * the debt: the collector, the agency, the lender and the contract (as
 * Mexico's rules require at the start of every call or visit). To anyone
 * else, nothing that tells them of a debt: the collector's name and a
 * request to call back.
 */
export function identificationScript(lang: Lang, who: Identification, mayHearOfDebt: boolean): string {
  if (!mayHearOfDebt) {
    const callback = who.agencyPhone ? t(lang, 'script.callbackPhone', { phone: who.agencyPhone }) : t(lang, 'script.callback');
    return t(lang, 'script.neutral', { gestor: who.gestor, debtor: who.debtor, callback });
  }
  const agency = !who.agency ? '' : t(lang, who.agencyPhone ? 'script.agencyPhone' : 'script.agency', { agency: who.agency, phone: who.agencyPhone });
  return t(lang, 'script.debt', {
    gestor: who.gestor, agency, lender: who.lender ?? t(lang, 'script.lenderUnknown'), contract: who.contract,
    product: t(lang, `product.${who.product}`),
  });
}

/**
 * Why an account is where it is on the agenda, its largest reasons first,
 * the first capitalised: ["Promesa incumplida hace 2 días", "45 días de atraso"].
 */
export function priorityReasons(lang: Lang, row: DebtorRow, count = 3): string[] {
  const parts = row.priority.factors.slice(0, count).map((f) => factorText(lang, f, row));
  if (parts.length > 0) parts[0] = parts[0].charAt(0).toUpperCase() + parts[0].slice(1);
  return parts;
}

/** The same in one line: "Promesa incumplida hace 2 días · 45 días de atraso". */
export function explainPriority(lang: Lang, row: DebtorRow, count = 3): string {
  return priorityReasons(lang, row, count).join(' · ');
}

function factorText(lang: Lang, factor: Factor, row: DebtorRow): string {
  // "hace 0 días" is today; one day, yesterday (the `_one` wording).
  const days = (key: Key, n: number) => t(lang, n === 0 ? (`${key}_today` as Key) : key, { n });
  switch (factor.factor) {
    case 'promise_broken': return days('factor.promise_broken', factor.days_ago);
    case 'follow_up_due': return days('factor.follow_up_due', factor.days_late);
    case 'promise_in_grace': return t(lang, 'factor.promise_in_grace', { n: factor.days_late });
    case 'days_past_due': return t(lang, 'factor.days_past_due', { n: factor.days });
    case 'overdue': return t(lang, 'factor.overdue', { amount: formatMoney(row.overdue, row.currency) });
    case 'no_contact':
      return factor.days === null ? t(lang, 'factor.no_contact_never') : t(lang, 'factor.no_contact', { n: factor.days });
    case 'segment': return t(lang, 'factor.segment', { segment: row.segment });
    default: return t(lang, `factor.${factor.factor}`);
  }
}

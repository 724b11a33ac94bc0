export {
  type Announcement,
  type CurrentHeat,
  type FloorKey,
  MAIN_FLOOR,
  readAnnouncements,
  readCurrentHeats,
  startHeat,
} from './docs/live.ts';
export {
  type Assignment,
  COLLECTION_NAMES,
  type CollectionName,
  encodeProgram,
  observeRemoteChanges,
  type Program,
  type ProgramCollections,
  type ProgramData,
  putRecord,
  type RemoteReplacement,
  readCollection,
  readEventName,
  readProgram,
  readRecord,
  readSettings,
  removeRecord,
  updateSettings,
  writeProgram,
} from './docs/program.ts';
export {
  categoryScoreKey,
  clearMark,
  correctMark,
  heatScoreKey,
  type JudgeChoices,
  keepLatestMarks,
  observeMarks,
  parseScoreKey,
  putMark,
  readCorrections,
  readJudgeChoices,
  readMark,
  readMarks,
  readMarksAndCleared,
  scoreKey,
  updateJudgeChoices,
} from './docs/scores.ts';
export { programProblems } from './import/check.ts';
export { CsvError, type CsvRecord, columnLetter, decodeCsv, parseCsv, writeCsv } from './import/csv.ts';
export { CSV_COLUMNS, CSV_TEMPLATE, type CsvImport, importCsvProgram } from './import/csvProgram.ts';
export {
  applyMarks,
  applyProgramPlan,
  type ImportPlan,
  type MergeInput,
  planImport,
  RECORD_CHANGES_LISTED,
} from './import/merge.ts';
export { describeProblem, hasErrors } from './import/problems.ts';
export {
  databaseReferences,
  mapShowcase,
  type Reference,
  SHOWCASE_PREFIX,
  type ShowcaseImport,
  type ShowcaseImportOptions,
  type ShowcaseMapping,
  type ShowcaseMusic,
  type ShowcaseReferences,
  type ShowcaseRow,
  type ShowcaseRows,
  showcaseRecordId,
  showcaseRowId,
  showcaseTime,
} from './import/showcase.ts';
export {
  IMPORTED_COLUMNS,
  NOT_IMPORTED,
  RAILS_TABLES,
  REQUIRED_COLUMNS,
  SHOWCASE_COLUMNS,
  SHOWCASE_SCHEMA_VERSION,
} from './import/showcaseSchema.ts';
export {
  MARKS_CSV_HEADINGS,
  marksCsv,
  railsTime,
  type ShowcaseScoreRow,
  showcaseScoreRow,
} from './import/showcaseScores.ts';
export {
  DEFAULT_FEEDBACK_OVERALL,
  DEFAULT_FEEDBACK_PLUS,
  DEFAULT_JUDGE_PREFS,
  DEFAULT_SETTINGS,
  EVENT_STAFF_STUDIO_ID,
  NOBODY_ID,
} from './model/defaults.ts';
export { backName, displayName } from './model/names.ts';
export type {
  Age,
  BallroomLetter,
  Callbacks,
  CatExtension,
  Category,
  Correction,
  Dance,
  DanceRole,
  Entry,
  EventSettings,
  Feedback,
  Formation,
  Heat,
  HeatCategory,
  JudgePrefs,
  Level,
  Multi,
  MultiLevel,
  Person,
  PersonType,
  ProgramNotice,
  PublishedResult,
  ScaleCode,
  Score,
  Solo,
  SoloScaleCode,
  Song,
  Studio,
} from './model/types.ts';
export type {
  BackupHealth,
  ClusterHealth,
  CreateEventRequest,
  CreateEventResponse,
  CreateInviteRequest,
  CreateOrganizerInviteRequest,
  EventAccess,
  EventList,
  EventSummary,
  HealthReport,
  Invite,
  InviteList,
  InviteResponse,
  JoinRequest,
  JoinResponse,
  MusicFile,
  MusicFileList,
  StorageFullEvent,
  TokenQuery,
} from './protocol/api.ts';
export { ANY_ROUTE_ERRORS, type ApiError, ApiErrorCode, isApiErrorCode } from './protocol/apiErrors.ts';
export { CloseCode, type CloseCodeName, isFinalCloseCode } from './protocol/closeCodes.ts';
export {
  type DocName,
  isSlug,
  isWebOrigin,
  NEW_ID_PATTERN,
  newId,
  ORIGIN_PATTERN,
  type ParsedDocName,
  parseDocName,
  RECORD_ID_PATTERN,
  SHA256_HEX_PATTERN,
  SLUG_PATTERN,
  scoresDocName,
  slugFromName,
} from './protocol/ids.ts';
export type {
  CollectionChanges,
  ImportChanges,
  ImportFormat,
  ImportMusic,
  ImportPreview,
  ImportProblem,
  ImportResult,
  ImportStatus,
  ImportTable,
  MarkChanges,
  RecordChange,
} from './protocol/importApi.ts';
export { ADMIN_PATH, isLoopbackHost, joinPath, MessageType, SYNC_PATH, syncRoomName } from './protocol/paths.ts';
export {
  type Access,
  accessTo,
  canRead,
  canWrite,
  isOrganizer,
  isRole,
  type Principal,
  ROLES,
  type Role,
} from './protocol/roles.ts';
export type {
  ApiRoute,
  Caller,
  Fields,
  HttpMethod,
  JsonResponse,
  JsonSchema,
  OptionalField,
  PathParamName,
  RawBody,
  RawResponse,
  RequiredField,
  Shape,
} from './protocol/routeSpec.ts';
export {
  API_ROUTES,
  type ApiCall,
  type ApiRouteName,
  type ApiRoutes,
  apiPath,
  apiRequest,
  findApiRoute,
  isServerPath,
  type JsonRouteName,
  type RouteBody,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
} from './protocol/routes.ts';
export {
  checkTokenClaims,
  type PublicKeySet,
  type PublicSigningKey,
  principalOf,
  type TokenClaims,
} from './protocol/tokens.ts';
export {
  type CloudAccess,
  type CloudAccessResponse,
  isCloudAccess,
  type ServerLink,
  type ServerLinks,
  type VenueExchangeRequest,
  type VenueExchangeResponse,
} from './protocol/venueApi.ts';
export {
  awarenessFrame,
  permissionDeniedFrame,
  SyncStep,
  syncStep1Frame,
  syncStep2Frame,
  updateFrame,
} from './protocol/wire.ts';
export type {
  BallotProblem,
  Competition,
  FinalOutcome,
  JudgeCallbacks,
  MarksOf,
  SemiFinalResult,
} from './results/competitions.ts';
export { toCsv } from './results/csv.ts';
export { type CompetitionResult, callbacksRecord, ResultsEngine } from './results/engine.ts';
export {
  type HeatRow,
  type ResultsIndex,
  STUDENT_GROUPS,
  type StudentGroup,
  type StudentSubject,
} from './results/eventIndex.ts';
export {
  type HeatProgress,
  isComplete,
  type JudgeProgress,
  progressLine,
  type SummaryProgress,
  summaryProgress,
  summaryProgressLine,
} from './results/progress.ts';
export type { CommentRow, UnscoredRow } from './results/reports.ts';
export type { ScoreSheet, SheetComment, SheetLine } from './results/sheets.ts';
export {
  type Cumulative,
  columnName,
  type DanceMarks,
  type DanceOutcome,
  type DanceResult,
  type FinalDecision,
  type FinalInput,
  type FinalResult,
  formatPlace,
  majorityOf,
  ordinal,
  type PlaceDecision,
  placeDance,
  placeFinal,
  placesName,
  type Rule10Figures,
  type SkatingRule,
} from './results/skatingSystem.ts';
export type {
  EntryGroup,
  EntryRow,
  EntrySummary,
  InstructorSummary,
  PersonRow,
  StudentBand,
  StudentRow,
  StudentSummary,
  StudioBand,
  StudioRow,
  StudioSummary,
} from './results/summaries.ts';
export type { SummaryName } from './results/summaryBook.ts';
export {
  commentsTable,
  competitionTable,
  entryTables,
  formatCount,
  groupName,
  instructorTable,
  type ResultTable,
  studentTables,
  studioTables,
  tableRows,
  unscoredTable,
} from './results/tables.ts';
export {
  type Column,
  type ColumnGroup,
  type Counted,
  columnLabel,
  type Tally,
  tabulate,
  WEIGHTS,
} from './results/tally.ts';
export type {
  AgendaHeading,
  AgendaPlace,
} from './schedule/agenda.ts';
export { type BackToBack, backToBack } from './schedule/backToBack.ts';
export { heatBallroom } from './schedule/ballrooms.ts';
export type { CoupleView, DancerView } from './schedule/couples.ts';
export {
  bothFilters,
  type EntryFilter,
  entryDancers,
  findHeats,
  type HeatMatch,
  personFilter,
  searchFilter,
  studioFilter,
} from './schedule/find.ts';
export { ballroomLetters, currentOn, entriesOn, type FloorNow, floorsNow, heatsAfter } from './schedule/floors.ts';
export { type HeatEntryView, type HeatNumberView, heatLabel, heatNumbers } from './schedule/heats.ts';
export { multiDanceSlots } from './schedule/multiDances.ts';
export {
  djPlaylist,
  musicFiles,
  type PlaylistEntry,
  type PlaylistSchedule,
  playlistDance,
} from './schedule/playlist.ts';
export {
  type PersonChange,
  personHeats,
  restoreHeat,
  restorePerson,
  scratchHeat,
  scratchPerson,
  stamp,
} from './schedule/scratch.ts';
export { mergeHeat, type Settlement, settleProgram } from './schedule/settle.ts';
export { type HeatSheet, heatSheet, type SheetFor, type SheetRow } from './schedule/sheets.ts';
export { songsByHeatNumber } from './schedule/songs.ts';
export { type ClockTime, formatClock, heatTimes, parseClock } from './schedule/times.ts';
export {
  heatLimit,
  moveHeat,
  type NoRoom,
  nextHeatNumber,
  onFloorAt,
  renumberHeats,
  roomIn,
  setHeatBallroom,
  walkOnNumber,
} from './schedule/walkOns.ts';
export {
  type AssignmentChange,
  assignJudges,
  assignmentId,
  type JudgeOnFloor,
  judgePresent,
  judgesOnFloor,
  markedHeatNumbers,
} from './scoring/assign.ts';
export {
  type Assignments,
  assignedTo,
  assignmentsOf,
  type HeatState,
  heatState,
  judgeStops,
  markSlot,
  reviewsSolo,
  type ScoredHeat,
  type Stop,
  scoredHeats,
} from './scoring/heats.ts';
export { applyMarkPatch, hasContent, type MarkPatch, markText, standingCorrection } from './scoring/marks.ts';
export { type CoupleOrder, type CoupleRow, heatCouples } from './scoring/order.ts';
export {
  type FeedbackSide,
  feedbackButtons,
  feedbackProblem,
  feedbackSet,
  type HeatScale,
  overallOptions,
  type Parsed,
  parseNumberMark,
  parseSoloPart,
  parseSoloScore,
  readSoloParts,
  type ScaleOption,
  SOLO_PART_MAX,
  SOLO_PARTS,
  type SoloPart,
  type SoloParts,
  scaleDescription,
  scaleOptions,
  soloPartsTotal,
  toggleFeedback,
  toggleOverall,
  writeSoloParts,
} from './scoring/scales.ts';
export {
  advancing,
  CALLBACKS_REQUIRED,
  callbacksId,
  FINAL_MAX_COUPLES,
  finalSlots,
  moveInRanking,
  rankingOrder,
  ranksOf,
  type SkatingSlot,
  type Split,
  skatingSlot,
  toggleCallback,
} from './scoring/skating.ts';
export { plural } from './text/plural.ts';

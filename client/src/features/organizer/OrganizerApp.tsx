import { Route, Switch } from 'wouter';
import { CalculationsPage } from '../results/CalculationsPage.tsx';
import { ResultsPage } from '../results/ResultsPage.tsx';
import { AgendaPage } from './event/AgendaPage.tsx';
import { DancesPage } from './event/DancesPage.tsx';
import { StudiosPage } from './event/StudiosPage.tsx';
import { InvitesPage } from './InvitesPage.tsx';
import { ImportPage } from './import/ImportPage.tsx';
import { MusicPage } from './MusicPage.tsx';
import { MarksPage } from './marks/MarksPage.tsx';
import { PeoplePage } from './PeoplePage.tsx';
import { PublishPage } from './PublishPage.tsx';
import { SettingsPage } from './SettingsPage.tsx';

/** The organiser's screens (one chunk): event settings, agenda, dances and studios, people, invites, marks and results. */
export default function OrganizerApp() {
  return (
    <Switch>
      <Route path="/" component={SettingsPage} />
      <Route path="/agenda" component={AgendaPage} />
      <Route path="/dances" component={DancesPage} />
      <Route path="/studios" component={StudiosPage} />
      <Route path="/people" component={PeoplePage} />
      <Route path="/invites" component={InvitesPage} />
      <Route path="/music" component={MusicPage} />
      <Route path="/publish" component={PublishPage} />
      <Route path="/marks" component={MarksPage} />
      <Route path="/results" component={ResultsPage} />
      <Route path="/results/calculations/:id">{(params) => <CalculationsPage id={params.id} />}</Route>
      <Route path="/import" component={ImportPage} />
    </Switch>
  );
}

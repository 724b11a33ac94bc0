import type { CompetitionResult } from '@ondeck/shared';
import { Link } from 'wouter';
import { finalStatus, semiStatus } from './status.ts';

/** The scrutineered heats: where each semi-final and final stands, and its calculations. */
export function CompetitionList({ results }: { results: CompetitionResult[] }) {
  return (
    <table className="rs-table rs-competitions">
      <thead>
        <tr>
          <th scope="col">Heat</th>
          <th scope="col">Competition</th>
          <th scope="col">Semi-final</th>
          <th scope="col">Final</th>
          <th scope="col">
            <span className="rs-hidden">Calculations</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {results.map((result) => (
          <tr key={result.competition.id} data-testid={`competition-${result.competition.id}`}>
            <td>{result.competition.heat.view.label}</td>
            <td>
              {result.competition.split.name}
              <span className="rs-note">{result.competition.dances.join(', ')}</span>
            </td>
            <td>{semiStatus(result)}</td>
            <td>{finalStatus(result)}</td>
            <td>
              <Link
                href={`/results/calculations/${result.competition.id}`}
                aria-label={`Calculations of heat ${result.competition.heat.view.label}, ${result.competition.split.name}`}
              >
                Calculations
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

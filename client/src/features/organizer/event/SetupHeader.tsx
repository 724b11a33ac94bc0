import { Link, useLocation } from 'wouter';

const SCREENS = [
  { href: '/', label: 'Settings' },
  { href: '/agenda', label: 'Agenda' },
  { href: '/dances', label: 'Dances' },
  { href: '/studios', label: 'Studios' },
] as const;

/** The Event tab's screens: settings, then the set-up of the program that the heat list is built from. */
export function SetupHeader({ title }: { title: string }) {
  const [location] = useLocation();
  return (
    <>
      <nav className="setup-nav" aria-label="Event set-up">
        {SCREENS.map((screen) => (
          <Link
            key={screen.href}
            href={screen.href}
            className="setup-nav-link"
            aria-current={location === screen.href ? 'page' : undefined}
          >
            {screen.label}
          </Link>
        ))}
      </nav>
      <h1>{title}</h1>
    </>
  );
}

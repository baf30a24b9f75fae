import type { MouseEvent, ReactNode } from 'react';
import { navigate } from '../hooks/useRoute';
import { routeHref, type Route } from '../utils/routes';

interface LinkProps {
  to: Route;
  children: ReactNode;
  className?: string;
  'aria-current'?: 'page' | undefined;
}

/** An ordinary link that navigates in-app on a plain click (new tab etc. still work). */
export function Link({ to, children, ...rest }: LinkProps) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={routeHref(to)} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}

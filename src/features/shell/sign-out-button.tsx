import { Button } from '@/components/ui/button';
import { signOutAction } from './sign-out-action';

export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <Button type="submit" variant="ghost">
        Sign out
      </Button>
    </form>
  );
}

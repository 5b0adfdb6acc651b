import { useQuery } from '@tanstack/react-query';
import { citiesQuery } from '../api/queries';
import { Field } from './field';

/** A city filter: the cities this token sees (the API already limits a city operator's list). */
export function CitySelect({
  value,
  onChange,
  label = 'City',
  errors,
}: {
  value: string | undefined;
  onChange: (cityId: string | undefined) => void;
  label?: string;
  errors?: string[];
}) {
  const cities = useQuery(citiesQuery());
  return (
    <Field label={label} errors={errors}>
      {(props) => (
        <select {...props} name="cityId" value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} disabled={cities.isPending}>
          <option value="">{cities.isPending ? 'Loading cities…' : 'All cities'}</option>
          {cities.data?.items.map((city) => (
            <option key={city.id} value={city.id}>
              {city.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
